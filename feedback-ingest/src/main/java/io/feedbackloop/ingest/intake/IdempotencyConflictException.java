package io.feedbackloop.ingest.intake;

/** The idempotency key (or channel record id) was used before for a different record: 409. */
public class IdempotencyConflictException extends RuntimeException {

	private final String field;

	IdempotencyConflictException(String field) {
		super("idempotency key reused for a different record");
		this.field = field;
	}

	/** {@code Idempotency-Key}, {@code idempotencyKey} or {@code channelRecordId}: what identified the record. */
	public String field() {
		return this.field;
	}

}
