package io.feedbackloop.churn.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * What a profile's facts mean: complaint outcome, resolution times, sentiment trend, survey results,
 * lifecycle stage, loyalty, and the churn-risk score with each signal's contribution. A pure function
 * of the stored facts (no clock), so a profile rebuilt from the topics derives the same values.
 */
public final class ProfileHealth {

	/** {@code health.complaintOutcome}: the sources' retention comparison (9 / 19 / 54 / 82 %). */
	public static final List<String> OUTCOMES = List.of("none", "unresolved", "resolved", "resolved-within-target");

	private static final Duration ONBOARDING = Duration.ofDays(90);

	private static final Duration GROWTH = Duration.ofDays(365);

	private ProfileHealth() {
	}

	/**
	 * The derived fields: {@code health}, {@code risk}, {@code openComplaints}, {@code lastCaseId},
	 * {@code lastOutcome} and {@code lastLossReason}.
	 * @param lastCaseId the complaint case opened last (the latest {@code openedAt}; of two opened at the
	 * same instant the greater id), {@code null} before the first case: a case routed again (re-routing, a
	 * correction) does not make an older case the last one. A case a person corrected to another kind
	 * is no complaint; it is the last case only when no complaint case is left. The id is the case's key under
	 * {@code cases}, the case id itself for complaint-router's ids (no {@code .} nor {@code $}, which
	 * {@link ProfileFields#safeKey} would replace)
	 * @param lastOutcome the outcome of the win/loss record recorded last, null when {@code outcomes} cannot tell
	 * (none kept: a profile from before them; or the latest kept older than {@code lastOutcomeAt}: the record
	 * recorded last was applied before them, or more than their number ago): the stored one stands
	 * @param lastLossReason the reason of the loss recorded last, likewise (the stored one stands when the stored
	 * outcome is a loss recorded after every loss kept)
	 */
	public record Derived(Document health, Document risk, long openComplaints, int score,
			@Nullable String lastCaseId, @Nullable String lastOutcome, @Nullable String lastLossReason) {

	}

	public static Derived derive(Document profile, ChurnProperties properties) {
		Document cases = profile.get(ProfileFields.CASES, Document.class);
		long total = 0;
		long open = 0;
		long resolved = 0;
		long withinTarget = 0;
		long reopened = 0;
		double hoursToResolution = 0;
		long timed = 0;
		LastCase lastComplaint = new LastCase();
		LastCase lastOfAny = new LastCase();
		if (cases != null) {
			for (Map.Entry<String, Object> entry : cases.entrySet()) {
				if (!(entry.getValue() instanceof Document c)) {
					continue;
				}
				Date openedAt = c.getDate("openedAt");
				if (openedAt == null) {
					// Only a status or SLA event seen for a case this profile never saw routed: not
					// (yet) a complaint of its own.
					continue;
				}
				lastOfAny.consider(entry.getKey(), openedAt);
				String kind = c.getString("kind");
				if (kind != null && !"complaint".equals(kind)) {
					// A person corrected it: no complaint after all (praise, a suggestion, an inquiry).
					continue;
				}
				total++;
				lastComplaint.consider(entry.getKey(), openedAt);
				String status = c.getString("status");
				boolean closed = "closed".equals(status) || "invalid".equals(status);
				if (!closed) {
					open++;
				}
				else {
					resolved++;
					if (Boolean.TRUE.equals(c.getBoolean("resolvedWithinTarget"))
							&& !Boolean.TRUE.equals(c.getBoolean("resolutionLate"))) {
						withinTarget++;
					}
					Date closedAt = c.getDate("closedAt");
					if (closedAt != null) {
						hoursToResolution += (closedAt.getTime() - openedAt.getTime()) / 3_600_000.0;
						timed++;
					}
				}
				if (count(c.get("reopens")) > 0) {
					reopened++;
				}
			}
		}
		String outcome;
		if (total == 0) {
			outcome = "none";
		}
		else if (open > 0) {
			outcome = "unresolved";
		}
		else if (withinTarget == total) {
			outcome = "resolved-within-target";
		}
		else {
			outcome = "resolved";
		}
		Document health = new Document("complaints", total).append("openComplaints", open)
			.append("resolvedComplaints", resolved)
			.append("resolvedWithinTarget", withinTarget)
			.append("reopenedCases", reopened)
			.append("complaintOutcome", outcome)
			.append("meanHoursToResolution", (timed > 0) ? round(hoursToResolution / timed) : null);

		List<String> sentiments = strings(profile.get(ProfileFields.SENTIMENTS));
		String trend = sentimentTrend(sentiments);
		health.append("sentimentTrend", trend);

		Integer csat = lastScore(profile.get(ProfileFields.CSAT_ANSWERS));
		Integer nps = lastScore(profile.get(ProfileFields.NPS_ANSWERS));
		health.append("csatLast", csat)
			.append("csatAverage", averageScore(profile.get(ProfileFields.CSAT_ANSWERS)))
			.append("npsLast", nps)
			.append("npsCategory", (nps == null) ? null : (nps >= 9) ? "promoter" : (nps >= 7) ? "passive" : "detractor");

		long praise = count(subCount(profile, ProfileFields.FEEDBACK_BY_KIND, "praise"));
		long competitor = count(profile.get(ProfileFields.COMPETITOR_MENTIONS));
		long porting = count(profile.get(ProfileFields.PORTING_MENTIONS));
		long breaches = count(profile.get(ProfileFields.SLA_BREACHES));
		health.append("praise", praise);

		Map<RiskSignal, Long> values = new java.util.EnumMap<>(RiskSignal.class);
		values.put(RiskSignal.OPEN_COMPLAINTS, open);
		values.put(RiskSignal.SLA_BREACHES, breaches);
		values.put(RiskSignal.REOPENED_CASES, reopened);
		values.put(RiskSignal.COMPLAINTS, total);
		values.put(RiskSignal.COMPETITOR_MENTIONS, competitor);
		values.put(RiskSignal.PORTING_MENTIONS, porting);
		values.put(RiskSignal.SENTIMENT_DECLINING, "declining".equals(trend) ? 1L : 0L);
		values.put(RiskSignal.LOW_CSAT, (csat != null && csat <= 2) ? 1L : 0L);
		values.put(RiskSignal.NPS_DETRACTOR, (nps != null && nps <= 6) ? 1L : 0L);
		values.put(RiskSignal.PRAISE, praise);
		Document risk = score(values, properties.risk());
		int score = risk.getInteger("score");

		Date lastOutcomeAt = profile.getDate(ProfileFields.LAST_OUTCOME_AT);
		Document latest = latestOutcome(profile.get(ProfileFields.OUTCOMES), false);
		if (latest != null && lastOutcomeAt != null && latest.getDate("at").before(lastOutcomeAt)) {
			latest = null;
		}
		Document latestLoss = latestOutcome(profile.get(ProfileFields.OUTCOMES), true);
		if (latestLoss != null && lastOutcomeAt != null && latestLoss.getDate("at").before(lastOutcomeAt)
				&& latest == null && "lost".equals(profile.getString(ProfileFields.LAST_OUTCOME))) {
			latestLoss = null;
		}
		String lastOutcome = (latest != null) ? latest.getString("outcome") : profile.getString(ProfileFields.LAST_OUTCOME);
		health.append("lifecycleStage", lifecycle(profile, lastOutcome, score, properties.risk().leave()));
		health.append("loyalty", loyalty(profile, lastOutcome, total, praise, competitor + porting));
		health.append("valueRank", properties.valueRank(profile.getString(ProfileFields.VALUE_TIER)));
		health.append("retained", (lastOutcome == null) ? null : "won".equals(lastOutcome));
		String lastCaseId = (lastComplaint.caseId != null) ? lastComplaint.caseId : lastOfAny.caseId;
		return new Derived(health, risk, open, score, lastCaseId, (latest != null) ? lastOutcome : null,
				(latestLoss != null) ? latestLoss.getString("reason") : null);
	}

	/**
	 * Of the outcomes kept, the one recorded last (of two recorded at the same instant, the one applied later);
	 * only losses when {@code lost}.
	 */
	private static @Nullable Document latestOutcome(@Nullable Object outcomes, boolean lost) {
		Document latest = null;
		if (outcomes instanceof List<?> list) {
			for (Object o : list) {
				if (o instanceof Document d && d.getDate("at") != null && (!lost || "lost".equals(d.getString("outcome")))
						&& (latest == null || !d.getDate("at").before(latest.getDate("at")))) {
					latest = d;
				}
			}
		}
		return latest;
	}

	/** The case opened last among those considered; of two opened at the same instant the greater id. */
	private static final class LastCase {

		private @Nullable String caseId;

		private @Nullable Date openedAt;

		void consider(String caseId, Date openedAt) {
			if (this.openedAt == null || this.caseId == null || openedAt.after(this.openedAt)
					|| (openedAt.equals(this.openedAt) && caseId.compareTo(this.caseId) > 0)) {
				this.openedAt = openedAt;
				this.caseId = caseId;
			}
		}

	}

	/** Each signal's value (capped), weight and contribution, and their sum clamped to 0..100. */
	static Document score(Map<RiskSignal, Long> values, ChurnProperties.Risk weights) {
		List<Document> signals = new ArrayList<>();
		double sum = 0;
		for (RiskSignal signal : RiskSignal.values()) {
			long value = Math.min(values.getOrDefault(signal, 0L), signal.cap());
			if (value == 0) {
				continue;
			}
			double weight = weights.weight(signal);
			double contribution = weight * value;
			sum += contribution;
			signals.add(new Document("signal", signal.wireName()).append("value", value)
				.append("weight", weight)
				.append("contribution", contribution));
		}
		int score = (int) Math.round(Math.max(0, Math.min(100, sum)));
		String level = (score >= weights.enter()) ? "high" : (score >= weights.leave()) ? "elevated" : "low";
		return new Document("score", score).append("level", level).append("signals", signals);
	}

	// -1 negative, 0 neutral, +1 positive: the newest three against the ones before them.
	private static String sentimentTrend(List<String> sentiments) {
		if (sentiments.size() < 4) {
			return "unknown";
		}
		int split = sentiments.size() - 3;
		double before = average(sentiments.subList(0, split));
		double recent = average(sentiments.subList(split, sentiments.size()));
		double delta = recent - before;
		return (delta <= -0.5) ? "declining" : (delta >= 0.5) ? "improving" : "stable";
	}

	private static double average(List<String> sentiments) {
		return sentiments.stream()
			.mapToInt((s) -> switch (s) {
				case "negative" -> -1;
				case "positive" -> 1;
				default -> 0;
			})
			.average()
			.orElse(0);
	}

	private static String lifecycle(Document profile, @Nullable String lastOutcome, int score, int declineAt) {
		if ("lost".equals(lastOutcome)) {
			return "lost";
		}
		if (score >= declineAt) {
			return "decline";
		}
		Date first = profile.getDate(ProfileFields.FIRST_CONTACT_AT);
		Date last = profile.getDate(ProfileFields.LAST_CONTACT_AT);
		if (first == null || last == null) {
			return "onboarding";
		}
		Duration known = Duration.between(Instant.ofEpochMilli(first.getTime()), Instant.ofEpochMilli(last.getTime()));
		return (known.compareTo(ONBOARDING) < 0) ? "onboarding" : (known.compareTo(GROWTH) < 0) ? "growth" : "maturity";
	}

	// Repeat business (the latest win/loss record says won or kept) with praise and no complaints is
	// true loyalty; with complaints or looking at competitors it is false loyalty.
	private static @Nullable String loyalty(Document profile, @Nullable String lastOutcome, long complaints,
			long praise, long alternatives) {
		if (!"won".equals(lastOutcome)) {
			return null;
		}
		if (alternatives > 0 || complaints > praise) {
			return "false";
		}
		return (praise > 0) ? "true" : "unproven";
	}

	/**
	 * The score of the answer given last: by when it was given ({@code at}), of two at the same time the one kept
	 * later. Answers are kept in the order their events were applied, and two answers of one customer can reach
	 * the topic the other way round (sent from two channels a moment apart).
	 */
	private static @Nullable Integer lastScore(@Nullable Object answers) {
		Document last = null;
		if (answers instanceof List<?> list) {
			for (Object answer : list) {
				if (answer instanceof Document d && (last == null || !givenBefore(d, last))) {
					last = d;
				}
			}
		}
		return (last != null) ? (int) count(last.get("score")) : null;
	}

	private static boolean givenBefore(Document answer, Document other) {
		Date at = answer.getDate("at");
		Date otherAt = other.getDate("at");
		return at != null && otherAt != null && at.before(otherAt);
	}

	private static @Nullable Double averageScore(@Nullable Object answers) {
		if (answers instanceof List<?> list && !list.isEmpty()) {
			return round(list.stream()
				.filter(Document.class::isInstance)
				.mapToLong((d) -> count(((Document) d).get("score")))
				.average()
				.orElse(0));
		}
		return null;
	}

	private static List<String> strings(@Nullable Object value) {
		List<String> strings = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((v) -> strings.add(String.valueOf(v)));
		}
		return strings;
	}

	private static @Nullable Object subCount(Document d, String field, String key) {
		Document sub = d.get(field, Document.class);
		return (sub != null) ? sub.get(key) : null;
	}

	static long count(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
