package io.feedbackloop.notification.channel;

import java.time.Duration;

/**
 * A temporary failure whose provider said when to try again ({@code Retry-After}), such as
 * feedback-ingest's {@code 409 request-in-progress} or a {@code 429}/{@code 503} with the header. It
 * is not retried at once (the provider asked us to wait; {@code resilience4j.retry} ignores it): the
 * outbox tries again no sooner than {@link #retryAfter()}.
 */
public class RetryAfterException extends TemporaryDeliveryException {

	private final Duration retryAfter;

	public RetryAfterException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** How long the provider asked us to wait before the next attempt. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
