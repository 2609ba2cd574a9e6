package io.feedbackloop.ingest.status;

/** MongoDB did not answer a status read (timeout, socket error...): 503 with {@code Retry-After}. */
public class StatusStoreUnavailableException extends RuntimeException {

	StatusStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
