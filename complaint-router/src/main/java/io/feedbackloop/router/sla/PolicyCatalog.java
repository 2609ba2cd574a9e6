package io.feedbackloop.router.sla;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.feedbackloop.contracts.SlaTimerKind;
import org.jspecify.annotations.Nullable;

/**
 * The configured SLA policies, checked at start-up: the first policy whose match fits a case's
 * category, severity and customer tier applies to it.
 */
class PolicyCatalog {

	private final List<Policy> policies;

	PolicyCatalog(List<SlaProperties.PolicyDefinition> definitions) {
		if (definitions == null || definitions.isEmpty()) {
			throw new IllegalArgumentException("feedbackloop.sla.policies must define at least one policy");
		}
		List<Policy> resolved = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < definitions.size(); i++) {
			Policy policy = resolve(definitions.get(i), "feedbackloop.sla.policies[" + i + "]");
			if (!ids.add(policy.id())) {
				throw new IllegalArgumentException("feedbackloop.sla.policies[" + i + "].id '" + policy.id()
						+ "' is used by two policies");
			}
			resolved.add(policy);
		}
		if (resolved.stream().noneMatch(Policy::matchesEverything)) {
			throw new IllegalArgumentException(
					"feedbackloop.sla.policies needs a policy without categories, severities or tiers (the default), "
							+ "so that every case has one; put it last");
		}
		this.policies = List.copyOf(resolved);
	}

	/** The policy that applies to a case. */
	Policy select(String category, @Nullable String severity, @Nullable String tier) {
		return this.policies.stream()
			.filter((policy) -> policy.matches(category, severity, tier))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no policy matches; the catalog was checked at start-up"));
	}

	Optional<Policy> byId(String id) {
		return this.policies.stream().filter((policy) -> policy.id().equals(id)).findFirst();
	}

	List<Policy> all() {
		return this.policies;
	}

	private static Policy resolve(SlaProperties.PolicyDefinition definition, String where) {
		if (definition.id() == null || definition.id().isBlank()) {
			throw new IllegalArgumentException(where + ".id is required");
		}
		SlaProperties.Match match = (definition.match() != null) ? definition.match()
				: new SlaProperties.Match(List.of(), List.of(), List.of());
		Map<SlaTimerKind, TimerRule> timers = new EnumMap<>(SlaTimerKind.class);
		rule(SlaTimerKind.FIRST_RESPONSE, definition.firstResponse(), where + ".first-response")
			.ifPresent((rule) -> timers.put(rule.kind(), rule));
		rule(SlaTimerKind.INTERNAL_TARGET, definition.internalTarget(), where + ".internal-target")
			.ifPresent((rule) -> timers.put(rule.kind(), rule));
		rule(SlaTimerKind.PERIODIC_UPDATE, definition.periodicUpdate(), where + ".periodic-update")
			.ifPresent((rule) -> timers.put(rule.kind(), rule));
		rule(SlaTimerKind.RESOLUTION, definition.resolution(), where + ".resolution")
			.ifPresent((rule) -> timers.put(rule.kind(), rule));
		if (timers.isEmpty()) {
			throw new IllegalArgumentException(where + " defines no timer (first-response, internal-target, "
					+ "periodic-update or resolution)");
		}
		Set<SlaTimerKind> restart = EnumSet.noneOf(SlaTimerKind.class);
		List<String> restartNames = (definition.restartOnReopen() != null) ? definition.restartOnReopen() : List.of();
		for (int i = 0; i < restartNames.size(); i++) {
			try {
				restart.add(SlaTimerKind.fromWire(restartNames.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(where + ".restart-on-reopen[" + i + "]: " + ex.getMessage());
			}
		}
		String fingerprint = digest(definition.id() + "|" + match + "|" + timers + "|" + restart);
		return new Policy(definition.id(), List.copyOf(match.categories()), List.copyOf(match.severities()),
				List.copyOf(match.tiers()), Map.copyOf(timers), Set.copyOf(restart), fingerprint);
	}

	private static Optional<TimerRule> rule(SlaTimerKind kind, SlaProperties.@Nullable TimerDefinition definition,
			String where) {
		if (definition == null) {
			return Optional.empty();
		}
		if (definition.target() == null || definition.target().isNegative() || definition.target().isZero()) {
			throw new IllegalArgumentException(where + ".target must be a positive duration, such as 24h");
		}
		ClockKind clock = ClockKind.fromWire(definition.clock(), where + ".clock");
		List<Double> warnings = new ArrayList<>(definition.warnings());
		for (int i = 0; i < warnings.size(); i++) {
			double fraction = warnings.get(i);
			if (!(fraction > 0 && fraction < 1)) {
				throw new IllegalArgumentException(where + ".warnings[" + i + "] " + fraction
						+ " is not a fraction of the target between 0 and 1 (exclusive), such as 0.75");
			}
		}
		if (warnings.stream().distinct().count() != warnings.size()) {
			throw new IllegalArgumentException(where + ".warnings " + warnings + " repeats a fraction");
		}
		warnings.sort(Double::compare);
		List<TimerRule.EscalationLevel> ladder = new ArrayList<>();
		for (int i = 0; i < definition.escalation().size(); i++) {
			SlaProperties.EscalationDefinition level = definition.escalation().get(i);
			if (level.to() == null || level.to().isBlank()) {
				throw new IllegalArgumentException(where + ".escalation[" + i + "].to is required, such as team-lead");
			}
			Duration after = (level.after() != null) ? level.after() : Duration.ZERO;
			if (after.isNegative()) {
				throw new IllegalArgumentException(where + ".escalation[" + i + "].after must not be negative");
			}
			ladder.add(new TimerRule.EscalationLevel(level.to(), after));
		}
		return Optional.of(new TimerRule(kind, definition.target(), clock, warnings, ladder));
	}

	static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
