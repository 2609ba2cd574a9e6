package io.feedbackloop.ingest.idempotency;

/** MongoDB did not answer a claim: the record cannot be taken without risking a duplicate (503). */
public class IdempotencyStoreException extends RuntimeException {

	IdempotencyStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
