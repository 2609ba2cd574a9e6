package io.feedbackloop.churn.system;

/**
 * An idempotency key sent again with a request that differs from the one it was first used for;
 * answered with an {@code idempotency-key-reused} problem ({@code 409}).
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	private final String field;

	/** @param field what carried the key, such as the {@code Idempotency-Key} header */
	public IdempotencyKeyReusedException(String field) {
		super(field + " was used before for a different request");
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
