package io.feedbackloop.router.sla;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.feedbackloop.contracts.SlaTimerKind;
import org.jspecify.annotations.Nullable;

/**
 * A resolved SLA policy.
 *
 * @param id stable id, carried by every SLA event
 * @param categories categories it applies to (empty: any)
 * @param severities severities it applies to (empty: any, including unknown)
 * @param tiers customer tiers it applies to (empty: any, including unknown)
 * @param timers the rule of each timer it runs
 * @param restartOnReopen the timers a reopened case starts again
 * @param fingerprint changes whenever the policy's definition changes
 */
record Policy(String id, List<String> categories, List<String> severities, List<String> tiers,
		Map<SlaTimerKind, TimerRule> timers, Set<SlaTimerKind> restartOnReopen, String fingerprint) {

	boolean matches(String category, @Nullable String severity, @Nullable String tier) {
		return fits(this.categories, category) && fits(this.severities, severity) && fits(this.tiers, tier);
	}

	boolean matchesEverything() {
		return this.categories.isEmpty() && this.severities.isEmpty() && this.tiers.isEmpty();
	}

	Optional<TimerRule> rule(SlaTimerKind kind) {
		return Optional.ofNullable(this.timers.get(kind));
	}

	private static boolean fits(List<String> allowed, @Nullable String value) {
		return allowed.isEmpty() || (value != null && allowed.contains(value));
	}

}
