package io.feedbackloop.ingest.security;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket: {@code capacity} permits, refilled at {@code permitsPerSecond}. Time comes from the
 * injected clock, so the refill is tested without waiting. One bucket per client and instance: with
 * N instances behind a load balancer a client gets up to N times the configured rate, so the rate is
 * configured per instance.
 */
public final class TokenBucket {

	private final double permitsPerSecond;

	private final int capacity;

	private final Clock clock;

	private double available;

	private long lastRefillNanos;

	public TokenBucket(double permitsPerSecond, int capacity, Clock clock) {
		if (permitsPerSecond <= 0 || capacity < 1) {
			throw new IllegalArgumentException("a rate limit needs permitsPerSecond > 0 and burst >= 1");
		}
		this.permitsPerSecond = permitsPerSecond;
		this.capacity = capacity;
		this.clock = clock;
		this.available = capacity;
		this.lastRefillNanos = nanos();
	}

	/** The most permits the bucket holds: the client's burst, and the most one request may take. */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * Takes {@code permits} if they are there, all of them or none: a request is never charged less than
	 * it costs.
	 * @return {@link Duration#ZERO} when taken, else how long until they would be
	 * @throws IllegalArgumentException for more than the {@link #capacity()}, which would never be there
	 */
	public synchronized Duration tryTake(int permits) {
		int wanted = Math.max(permits, 1);
		if (wanted > this.capacity) {
			throw new IllegalArgumentException(
					"cannot take " + wanted + " permits from a bucket of " + this.capacity + ": they never fit");
		}
		refill();
		if (this.available >= wanted) {
			this.available -= wanted;
			return Duration.ZERO;
		}
		double missing = wanted - this.available;
		return Duration.ofNanos((long) Math.ceil(missing / this.permitsPerSecond * 1_000_000_000d));
	}

	private void refill() {
		long now = nanos();
		long elapsed = now - this.lastRefillNanos;
		if (elapsed > 0) {
			this.available = Math.min(this.capacity, this.available + elapsed / 1_000_000_000d * this.permitsPerSecond);
			this.lastRefillNanos = now;
		}
	}

	private long nanos() {
		java.time.Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

}
