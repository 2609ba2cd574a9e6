package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code customer.churn-risk.v1}: a customer's churn-risk score crossed the early-warning threshold (预警).
 * Written by churn-analyzer on {@link Topics#CUSTOMER_SIGNALS} once per episode: the episode ends only
 * when the score falls below a lower threshold, so a score hovering around the threshold raises no
 * second warning. The event id is derived from the customer and the episode number.
 *
 * @param customerId the customer
 * @param episode 1 for the customer's first at-risk episode, one more for each later one
 * @param score the score, 0 to 100, that crossed the threshold
 * @param threshold the threshold it crossed
 * @param signals what made the score: each signal's value, weight and contribution
 * @param valueTier the customer's value tier, when known
 * @param lastCaseId the customer's latest complaint case, when there is one
 * @param raisedAt when
 */
public record ChurnRiskRaised(CustomerId customerId, int episode, int score, int threshold,
		List<Contribution> signals, @Nullable String valueTier, @Nullable String lastCaseId, Instant raisedAt) {

	public ChurnRiskRaised {
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(raisedAt, "raisedAt is required");
		signals = List.copyOf(Objects.requireNonNull(signals, "signals is required"));
	}

	/**
	 * One signal's part of the score.
	 * @param signal the signal, such as {@code openComplaints} or {@code portingMentions}
	 * @param value how much of it (capped)
	 * @param weight points per unit
	 * @param contribution value times weight
	 */
	public record Contribution(String signal, long value, double weight, double contribution) {

		public Contribution {
			Objects.requireNonNull(signal, "signal is required");
		}

	}

}
