package io.feedbackloop.ingest.web;

import java.io.IOException;

/**
 * A request body longer than the configured limit. An {@link IOException} because it is raised
 * while the body is read; the converters wrap it, and the problem handler finds it in the causes.
 */
class PayloadTooLargeException extends IOException {

	private final long limit;

	PayloadTooLargeException(long limit) {
		super("request body exceeds " + limit + " bytes");
		this.limit = limit;
	}

	long limit() {
		return this.limit;
	}

}
