package io.feedbackloop.churn.system;

import java.time.Duration;

/**
 * Another request with the same idempotency key is being carried out at this moment; answered with a
 * {@code request-in-progress} problem ({@code 409}) and a {@code Retry-After}, after which a repeat gets
 * that request's result.
 */
public class RequestInProgressException extends RuntimeException {

	private final String field;

	private final Duration retryAfter;

	/**
	 * @param field what carried the key, such as the {@code Idempotency-Key} header
	 * @param retryAfter how long the other request may still take
	 */
	public RequestInProgressException(String field, Duration retryAfter) {
		super("A request with the same " + field + " is in progress");
		this.field = field;
		this.retryAfter = retryAfter;
	}

	public String field() {
		return this.field;
	}

	/** Whole seconds, at least one. */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
