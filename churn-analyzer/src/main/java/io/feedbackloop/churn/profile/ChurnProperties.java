package io.feedbackloop.churn.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the churn analysis looks for and how it weighs it ({@code feedbackloop.churn.*}).
 *
 * @param competitorTerms names of competitors; a mention in feedback text is a churn signal
 * @param portingTerms words for leaving with one's number (携号转网, "port my number")
 * @param notMentions phrases that hold a competitor's name or a porting word but mean something else (转网络部门,
 * the network department; 转网厅, passed to the web hall): a term inside one of them is no mention
 * @param valueTiers customer value tiers, lowest first (the at-risk list is ordered by this rank)
 * @param risk the early-warning score: signal weights and thresholds
 */
@ConfigurationProperties("feedbackloop.churn")
public record ChurnProperties(@Nullable List<String> competitorTerms, @Nullable List<String> portingTerms,
		@Nullable List<String> notMentions, @Nullable List<String> valueTiers, @Nullable Risk risk) {

	public ChurnProperties {
		competitorTerms = (competitorTerms != null) ? List.copyOf(competitorTerms)
				: List.of("中国联通", "联通", "中国电信", "中国广电", "China Unicom", "China Telecom", "Unicom");
		portingTerms = (portingTerms != null) ? List.copyOf(portingTerms)
				: List.of("携号转网", "转网", "换运营商", "销号", "switching to another carrier", "switch carrier",
						"switch to another carrier", "port my number", "porting my number", "cancel my contract");
		// in lower case, as the texts they are looked for in
		notMentions = ((notMentions != null) ? notMentions
				: List.of("转网络", "转网厅", "转网上营业厅", "转网上办理", "转网站", "转网页", "转网格", "互联通"))
			.stream()
			.map((phrase) -> phrase.toLowerCase(Locale.ROOT))
			.toList();
		valueTiers = (valueTiers != null) ? List.copyOf(valueTiers) : List.of("standard", "gold", "vip");
		risk = (risk != null) ? risk : new Risk(null, null, null);
	}

	public static ChurnProperties defaults() {
		return new ChurnProperties(null, null, null, null, null);
	}

	/**
	 * Whether a text (lower case) mentions a term: somewhere not inside one of {@link #notMentions} (转网 in
	 * 转网络部门 is no mention; 携号转网 in 携号转网站 still is, though 转网站 holds its end).
	 */
	public boolean mentions(String lowerCaseText, String term) {
		String t = term.toLowerCase(Locale.ROOT);
		if (t.isEmpty()) {
			return false;
		}
		for (int at = lowerCaseText.indexOf(t); at >= 0; at = lowerCaseText.indexOf(t, at + 1)) {
			if (!insideNotMention(lowerCaseText, at, at + t.length())) {
				return true;
			}
		}
		return false;
	}

	private boolean insideNotMention(String text, int from, int to) {
		for (String phrase : notMentions()) {
			// an occurrence of the phrase that starts at or before the term and ends at or after it
			for (int start = Math.max(0, to - phrase.length()); start <= from; start++) {
				if (text.startsWith(phrase, start)) {
					return true;
				}
			}
		}
		return false;
	}

	/** 0 for an unknown tier, 1 for the lowest listed, and so on. */
	public int valueRank(@Nullable String tier) {
		return (tier != null) ? valueTiers().indexOf(tier) + 1 : 0;
	}

	@Override
	public List<String> competitorTerms() {
		return (this.competitorTerms != null) ? this.competitorTerms : List.of();
	}

	@Override
	public List<String> portingTerms() {
		return (this.portingTerms != null) ? this.portingTerms : List.of();
	}

	@Override
	public List<String> notMentions() {
		return (this.notMentions != null) ? this.notMentions : List.of();
	}

	@Override
	public List<String> valueTiers() {
		return (this.valueTiers != null) ? this.valueTiers : List.of();
	}

	@Override
	public Risk risk() {
		return (this.risk != null) ? this.risk : new Risk(null, null, null);
	}

	/**
	 * @param weights points per unit of each signal (see {@link RiskSignal}); a signal's contribution is
	 * its weight times its value, the value capped by the signal's cap; the score is the sum, 0 to 100
	 * @param enterAt a score at or above this starts an at-risk episode ({@code customer.churn-risk.v1})
	 * @param leaveBelow a score below this ends the episode (hysteresis: between the two nothing changes)
	 */
	public record Risk(@Nullable Map<String, Double> weights, @Nullable Integer enterAt, @Nullable Integer leaveBelow) {

		public Risk {
			Map<String, Double> merged = new LinkedHashMap<>();
			for (RiskSignal signal : RiskSignal.values()) {
				merged.put(signal.wireName(), signal.defaultWeight());
			}
			if (weights != null) {
				merged.putAll(weights);
			}
			weights = Map.copyOf(merged);
			enterAt = (enterAt != null) ? enterAt : 50;
			leaveBelow = (leaveBelow != null) ? leaveBelow : 30;
			if (leaveBelow > enterAt) {
				throw new IllegalArgumentException("feedbackloop.churn.risk.leave-below (" + leaveBelow
						+ ") must not be above enter-at (" + enterAt + ")");
			}
		}

		public double weight(RiskSignal signal) {
			return (this.weights != null) ? this.weights.getOrDefault(signal.wireName(), 0.0) : 0.0;
		}

		public int enter() {
			return (this.enterAt != null) ? this.enterAt : 50;
		}

		public int leave() {
			return (this.leaveBelow != null) ? this.leaveBelow : 30;
		}

	}

}
