package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.router.sla.calendar.WorkingTime;
import org.jspecify.annotations.Nullable;

/**
 * The policies and calendars together: which rule a timer of a case runs by, on which counted time, and
 * whether a stored timer still matches the current configuration.
 */
class SlaRules {

	private final PolicyCatalog policies;

	private final Calendars calendars;

	SlaRules(PolicyCatalog policies, Calendars calendars) {
		this.policies = policies;
		this.calendars = calendars;
	}

	/** Changes whenever a policy, a calendar or the department calendars change. */
	String fingerprint() {
		StringBuilder text = new StringBuilder();
		this.policies.all().forEach((policy) -> text.append(policy.id()).append('=').append(policy.fingerprint())
			.append(';'));
		return PolicyCatalog.digest(text + this.calendars.fingerprint());
	}

	Policy policyFor(CaseTimer.Facts facts) {
		return this.policies.select(facts.category(), facts.severity(), facts.customerTier());
	}

	WorkingTime timeOf(CaseTimer timer) {
		return timeOf(timer.setup(), timer.facts());
	}

	WorkingTime timeOf(CaseTimer.Setup setup, CaseTimer.Facts facts) {
		return this.calendars.workingTime(setup.clock(), facts.department());
	}

	/**
	 * The setup of a timer under a policy, or empty when the policy does not run that timer.
	 * @param promisedDueAt the reply time stated to the customer, for first-response
	 */
	Optional<CaseTimer.Setup> setupFor(Policy policy, SlaTimerKind kind, CaseTimer.Facts facts, Instant startedAt,
			@Nullable Instant promisedDueAt) {
		return policy.rule(kind).map((rule) -> {
			WorkingTime time = this.calendars.workingTime(rule.clock(), facts.department());
			TimerRule applied = rule;
			// A policy may be stricter than the reply time the customer was given, never looser: the
			// promise is kept as stated.
			if (kind == SlaTimerKind.FIRST_RESPONSE && promisedDueAt != null && rule.clock() == ClockKind.WALL) {
				Duration promised = time.between(startedAt, promisedDueAt);
				if (promised.compareTo(rule.target()) < 0 && !promised.isZero()) {
					applied = rule.withTarget(promised);
				}
			}
			return new CaseTimer.Setup(policy.id(), policy.fingerprint(), rule.clock(), time.id(), time.fingerprint(),
					applied.target(), promisedDueAt, applied.steps());
		});
	}

	/** Whether the timer was computed with the policy and calendar that apply to it now. */
	boolean isCurrent(CaseTimer timer) {
		Policy policy = policyFor(timer.facts());
		return policy.id().equals(timer.setup().policyId())
				&& policy.fingerprint().equals(timer.setup().policyFingerprint())
				&& timeOf(timer).fingerprint().equals(timer.setup().calendarFingerprint());
	}

	/**
	 * The timer under the current configuration: the same when it is current, recomputed when its policy
	 * or calendar changed, withdrawn when the policy no longer runs it.
	 */
	CaseTimer upToDate(CaseTimer timer, CaseTimer.Facts facts, Instant now) {
		if (facts.equals(timer.facts()) && isCurrent(timer)) {
			return timer;
		}
		Policy policy = policyFor(facts);
		Optional<CaseTimer.Setup> setup = setupFor(policy, timer.kind(), facts, timer.run().startedAt(),
				timer.setup().promisedDueAt());
		if (setup.isEmpty()) {
			return timer.withdraw(now, "policy:" + policy.id(), timeOf(timer));
		}
		CaseTimer.Setup next = setup.get();
		WorkingTime time = this.calendars.workingTime(next.clock(), facts.department());
		return timer.reconfigured(facts, next, time);
	}

}
