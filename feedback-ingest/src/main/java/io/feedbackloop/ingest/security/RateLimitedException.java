package io.feedbackloop.ingest.security;

import java.time.Duration;

/** The client used up its rate: 429 with {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {

	private final Duration retryAfter;

	public RateLimitedException(ApiClient client, Duration retryAfter) {
		super("client " + client.id() + " exceeded its rate limit");
		this.retryAfter = retryAfter;
	}

	/** At least one second: {@code Retry-After} counts whole seconds. */
	public long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
