package io.feedbackloop.router.sla;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.feedbackloop.contracts.SlaTimerKind;

/**
 * What a policy says about one timer: its target, the clock it counts on, the warning thresholds and
 * the escalation ladder after the breach.
 */
record TimerRule(SlaTimerKind kind, Duration target, ClockKind clock, List<Double> warnings,
		List<EscalationLevel> escalation) {

	TimerRule {
		warnings = List.copyOf(warnings);
		escalation = List.copyOf(escalation);
	}

	/** The same rule with a shorter target, such as the promise already stated to the customer. */
	TimerRule withTarget(Duration newTarget) {
		return new TimerRule(this.kind, newTarget, this.clock, this.warnings, this.escalation);
	}

	/** The steps in order of their offsets: warnings, the breach at the target, then each escalation level. */
	List<Step> steps() {
		List<Step> steps = new ArrayList<>();
		for (double fraction : this.warnings) {
			Duration offset = Duration.ofMillis(Math.round(this.target.toMillis() * fraction));
			String percent = BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString();
			steps.add(new Step("warning-" + percent, StepType.WARNING, offset, fraction, 0, null));
		}
		steps.add(new Step("breach", StepType.BREACH, this.target, 1.0, 0, null));
		Duration offset = this.target;
		for (int i = 0; i < this.escalation.size(); i++) {
			EscalationLevel level = this.escalation.get(i);
			offset = offset.plus(level.after());
			steps.add(new Step("escalation-" + (i + 1), StepType.ESCALATION, offset, 1.0, i + 1, level.to()));
		}
		return List.copyOf(steps);
	}

	/**
	 * @param to the role told
	 * @param after counted time after the previous level (the first: after the breach)
	 */
	record EscalationLevel(String to, Duration after) {

	}

}
