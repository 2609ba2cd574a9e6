package io.feedbackloop.router.sla.calendar;

import java.time.Duration;
import java.time.Instant;

/** How much counted time passes between two instants, and when a given amount of it will have passed. */
public interface WorkingTime {

	/** {@code wall} for wall-clock time, otherwise the calendar's id. */
	String id();

	/** Changes whenever the definition changes, so that timers computed with an older one can be found. */
	String fingerprint();

	/**
	 * The instant at which {@code amount} of counted time has passed since {@code start}; {@code start}
	 * itself for a zero amount.
	 */
	Instant plus(Instant start, Duration amount);

	/** The counted time in {@code [from, to)}; zero when {@code to} is not after {@code from}. */
	Duration between(Instant from, Instant to);

	/** Every hour of every day counts: the customer promise unless a policy says otherwise. */
	WorkingTime WALL_CLOCK = new WorkingTime() {

		@Override
		public String id() {
			return "wall";
		}

		@Override
		public String fingerprint() {
			return "wall";
		}

		@Override
		public Instant plus(Instant start, Duration amount) {
			return start.plus(amount);
		}

		@Override
		public Duration between(Instant from, Instant to) {
			return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
		}

		@Override
		public String toString() {
			return "wall clock";
		}

	};

}
