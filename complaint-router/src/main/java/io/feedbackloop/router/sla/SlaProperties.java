package io.feedbackloop.router.sla;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.feedbackloop.router.sla.calendar.CalendarDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.sla.*}: the SLA policies, the business calendars and how the timer engine runs.
 *
 * @param policies tried in order; the first whose match fits the case applies, so the last one should
 * match everything
 * @param calendars business calendars by id
 * @param departmentCalendars department id → calendar id
 * @param defaultCalendar the calendar of a department without an entry
 * @param engine how the timer engine loads and fires timers
 */
@ConfigurationProperties("feedbackloop.sla")
public record SlaProperties(List<PolicyDefinition> policies, Map<String, CalendarDefinition> calendars,
		@DefaultValue Map<String, String> departmentCalendars, String defaultCalendar, @DefaultValue Engine engine) {

	/**
	 * One SLA policy.
	 *
	 * @param id stable id, carried by every SLA event
	 * @param match which cases it applies to; empty lists match anything
	 * @param firstResponse the promise to the customer (capped at the promise complaint.routed.v1 stated)
	 * @param internalTarget the team's earlier goal for the first response
	 * @param periodicUpdate how often the customer hears from us while the case is open, counted from the
	 * last reply
	 * @param resolution closing the case
	 * @param restartOnReopen the timers a reopened case starts again
	 */
	public record PolicyDefinition(String id, @DefaultValue Match match, @Nullable TimerDefinition firstResponse,
			@Nullable TimerDefinition internalTarget, @Nullable TimerDefinition periodicUpdate,
			@Nullable TimerDefinition resolution,
			@DefaultValue({ "resolution", "periodic-update" }) List<String> restartOnReopen) {

	}

	/**
	 * @param categories complaint categories, such as {@code network}
	 * @param severities case severities, such as {@code critical}; a case of unknown severity matches
	 * only a policy that does not restrict it
	 * @param tiers customer tiers, such as {@code vip}; likewise
	 */
	public record Match(@DefaultValue List<String> categories, @DefaultValue List<String> severities,
			@DefaultValue List<String> tiers) {

	}

	/**
	 * One timer of a policy.
	 *
	 * @param target the time allowed (for periodic-update: the interval)
	 * @param clock {@code wall} (every hour counts) or {@code business} (the department's working hours)
	 * @param warnings fractions of the target at which to warn, such as 0.5 and 0.75
	 * @param escalation the ladder after the breach; each level's {@code after} counts from the previous
	 * level (the first from the breach), on the timer's clock
	 */
	public record TimerDefinition(Duration target, @DefaultValue("wall") String clock,
			@DefaultValue List<Double> warnings, @DefaultValue List<EscalationDefinition> escalation) {

	}

	/**
	 * @param to the role told, such as {@code team-lead}
	 * @param after delay after the previous level (or the breach)
	 */
	public record EscalationDefinition(String to, @DefaultValue("0s") Duration after) {

	}

	/**
	 * @param enabled whether this instance runs the engine's threads (the event handling always runs)
	 * @param lookahead how far ahead timers are loaded into memory
	 * @param lookback how far back the regular refresh still looks for hints written late
	 * @param refreshInterval how often the schedule is refreshed from MongoDB
	 * @param sweepInterval how often hints older than the lookback are swept up
	 * @param lease how long a claimed timer is reserved for the instance firing it
	 * @param slotWidth the time span of one schedule bucket
	 * @param shards buckets per slot, to keep each small
	 * @param batchSize at most this many due timers are claimed and fired together
	 * @param statsInterval how often the open-timer gauges are recounted
	 */
	public record Engine(@DefaultValue("true") boolean enabled, @DefaultValue("2m") Duration lookahead,
			@DefaultValue("1m") Duration lookback, @DefaultValue("5s") Duration refreshInterval,
			@DefaultValue("10m") Duration sweepInterval, @DefaultValue("15s") Duration lease,
			@DefaultValue("1s") Duration slotWidth, @DefaultValue("4") int shards,
			@DefaultValue("512") int batchSize, @DefaultValue("1m") Duration statsInterval) {

		public Engine {
			positive(lookahead, "lookahead");
			positive(refreshInterval, "refresh-interval");
			positive(sweepInterval, "sweep-interval");
			positive(lease, "lease");
			positive(slotWidth, "slot-width");
			positive(statsInterval, "stats-interval");
			if (lookback.isNegative()) {
				throw new IllegalArgumentException("feedbackloop.sla.engine.lookback must not be negative");
			}
			if (slotWidth.toMillis() % 1000 != 0) {
				throw new IllegalArgumentException("feedbackloop.sla.engine.slot-width must be whole seconds");
			}
			if (shards < 1 || batchSize < 1) {
				throw new IllegalArgumentException("feedbackloop.sla.engine.shards and batch-size must be positive");
			}
		}

		private static void positive(Duration value, String name) {
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException("feedbackloop.sla.engine." + name + " must be positive");
			}
		}

	}

}
