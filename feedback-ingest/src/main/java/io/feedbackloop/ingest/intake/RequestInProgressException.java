package io.feedbackloop.ingest.intake;

import java.time.Duration;

/** A request with the same key is being published right now and did not finish in time: 409, retry. */
public class RequestInProgressException extends RuntimeException {

	private final Duration retryAfter;

	RequestInProgressException(Duration retryAfter) {
		super("a request with the same idempotency key is still in progress");
		this.retryAfter = retryAfter;
	}

	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
