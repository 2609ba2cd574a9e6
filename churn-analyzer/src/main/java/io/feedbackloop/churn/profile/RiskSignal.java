package io.feedbackloop.churn.profile;

import java.util.Locale;

/**
 * The signals of the churn-risk score, each with its default weight (points per unit) and the most
 * units counted. Weights are configurable ({@code feedbackloop.churn.risk.weights.<signal>}); a
 * negative weight lowers the score.
 */
public enum RiskSignal {

	/** Complaint cases not closed. */
	OPEN_COMPLAINTS(10, 3),
	/** SLA targets missed on the customer's cases (promises broken). */
	SLA_BREACHES(8, 4),
	/** Cases reopened after closing: the fix did not hold. */
	REOPENED_CASES(10, 2),
	/** Complaints in total (dissatisfaction even when resolved). */
	COMPLAINTS(3, 5),
	/** Feedback naming a competitor. */
	COMPETITOR_MENTIONS(15, 2),
	/** Feedback about leaving with the number (携号转网, "port my number"). */
	PORTING_MENTIONS(25, 2),
	/** 1 when the recent sentiment is worse than before. */
	SENTIMENT_DECLINING(10, 1),
	/** 1 when the latest CSAT answer is 1 or 2 out of 5. */
	LOW_CSAT(15, 1),
	/** 1 when the latest NPS answer is a detractor (0 to 6). */
	NPS_DETRACTOR(15, 1),
	/** Praise given: lowers the score. */
	PRAISE(-5, 2);

	private final double defaultWeight;

	private final int cap;

	RiskSignal(double defaultWeight, int cap) {
		this.defaultWeight = defaultWeight;
		this.cap = cap;
	}

	public String wireName() {
		String[] words = name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder camel = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return camel.toString();
	}

	double defaultWeight() {
		return this.defaultWeight;
	}

	public int cap() {
		return this.cap;
	}

}
