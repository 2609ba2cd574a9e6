package io.feedbackloop.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: it runs like a real clock (back-offs and leases pass), but from a
 * time the test sets, so that night, morning and the next day come without waiting. Starts at
 * {@link #DAYTIME}, a weekday morning in Shanghai, so that no test depends on when it is run.
 */
public final class TestClock extends Clock {

	public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** 2026-11-23 10:00 in Shanghai. */
	public static final Instant DAYTIME = LocalDateTime.of(2026, 11, 23, 10, 0).atZone(SHANGHAI).toInstant();

	private volatile Instant anchor = DAYTIME;

	private volatile long anchorNanos = System.nanoTime();

	/** From now on, the clock runs on from this instant. */
	public synchronized void setTo(Instant instant) {
		this.anchorNanos = System.nanoTime();
		this.anchor = instant;
	}

	/** Sets the clock to a local time in Shanghai. */
	public void setTo(LocalDateTime shanghai) {
		setTo(shanghai.atZone(SHANGHAI).toInstant());
	}

	public void reset() {
		setTo(DAYTIME);
	}

	@Override
	public synchronized Instant instant() {
		return this.anchor.plusNanos(System.nanoTime() - this.anchorNanos);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("the service's clock is UTC");
	}

}
