package io.feedbackloop.router.severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.feedbackloop.router.routing.Severity;

import org.springframework.stereotype.Component;

/**
 * Decides a complaint's severity from its text and the customer's tier, and raises an open case's on a
 * repeat contact, always with the reasons.
 *
 * <p><b>Negations.</b> A signal counts wherever it is named, negated or not: "不想投诉到工信部" ("I don't
 * want to take this to the MIIT") and "I'd hate to go to the press" name the regulator and the press,
 * and in a complaint that is the threat itself. Keep the lists to words that are signals on their own.
 */
@Component
public class SeverityAssessor {

	private final String baseline;

	private final List<CompiledSignal> signals;

	private final List<String> raisingTiers;

	private final boolean repeatContactRaises;

	public SeverityAssessor(SeverityProperties properties) {
		this.baseline = known(properties.baseline(), "feedbackloop.severity.baseline");
		List<CompiledSignal> compiled = new ArrayList<>();
		for (int i = 0; i < properties.signals().size(); i++) {
			compiled.add(compile(properties.signals().get(i), "feedbackloop.severity.signals[" + i + "]"));
		}
		this.signals = List.copyOf(compiled);
		this.raisingTiers = List.copyOf(properties.raisingTiers());
		this.repeatContactRaises = properties.repeatContactRaises();
	}

	/** The severity of a new complaint: the signals in its text, then one level up for a high-value customer. */
	public SeverityAssessment assess(String text, String tier) {
		List<String> reasons = new ArrayList<>();
		String severity = fromText(text, this.baseline, reasons);
		if (reasons.isEmpty()) {
			reasons.add("no threat or hazard in the text: " + this.baseline);
		}
		if (this.raisingTiers.contains(tier)) {
			String raised = Severity.raise(severity);
			reasons.add("customer tier " + tier + ": " + severity + " → " + raised);
			severity = raised;
		}
		return new SeverityAssessment(severity, reasons);
	}

	/**
	 * The severity of an open case after the customer came back about it: one level up (when configured),
	 * and at least what the new text says.
	 * @param current the case's severity before
	 * @param repeatContacts the case's repeat contacts, this one included
	 * @return the new severity and the reasons for the change (none when it stays)
	 */
	public SeverityAssessment repeatContact(String current, int repeatContacts, String channel, String text) {
		List<String> reasons = new ArrayList<>();
		String severity = current;
		if (this.repeatContactRaises) {
			String raised = Severity.raise(current);
			if (!raised.equals(current)) {
				reasons.add("repeat contact " + repeatContacts + " via " + channel + ": " + current + " → " + raised);
			}
			severity = raised;
		}
		severity = fromText(text, severity, reasons);
		return new SeverityAssessment(severity, reasons);
	}

	/** Applies the text's signals on top of {@code from}, adding a reason for each signal found. */
	private String fromText(String text, String from, List<String> reasons) {
		String lower = text.toLowerCase(Locale.ROOT);
		String severity = from;
		for (CompiledSignal signal : this.signals) {
			Set<String> found = new LinkedHashSet<>();
			for (Pattern pattern : signal.patterns()) {
				Matcher matcher = pattern.matcher(lower);
				while (matcher.find() && found.size() < 5) {
					// quoted from the lower-cased text: lower-casing may change its length ("İ" becomes two chars)
					found.add(lower.substring(matcher.start(), matcher.end()));
				}
			}
			if (found.isEmpty()) {
				continue;
			}
			String next = Severity.max(severity, signal.severity());
			reasons.add(signal.id() + ": " + String.join(", ", found) + " → " + signal.severity()
					+ (next.equals(severity) ? " (already " + severity + ")" : ""));
			severity = next;
		}
		return severity;
	}

	private static CompiledSignal compile(SeverityProperties.Signal signal, String where) {
		if (signal.id() == null || signal.id().isBlank()) {
			throw new IllegalArgumentException(where + ".id is required, such as regulator");
		}
		String severity = known(signal.severity(), where + ".severity");
		List<Pattern> patterns = new ArrayList<>();
		for (int i = 0; i < signal.keywords().size(); i++) {
			String keyword = signal.keywords().get(i).strip().toLowerCase(Locale.ROOT);
			if (keyword.isEmpty()) {
				throw new IllegalArgumentException(where + ".keywords[" + i + "] is empty");
			}
			patterns.add(Pattern.compile(keywordRegex(keyword)));
		}
		for (int i = 0; i < signal.patterns().size(); i++) {
			try {
				patterns.add(Pattern.compile(signal.patterns().get(i),
						Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(where + ".patterns[" + i + "] is not a regular expression: "
						+ ex.getDescription());
			}
		}
		if (patterns.isEmpty()) {
			throw new IllegalArgumentException(where + " (" + signal.id() + ") has neither keywords nor patterns");
		}
		return new CompiledSignal(signal.id(), severity, List.copyOf(patterns));
	}

	/** Latin letters and digits only as a whole word (not inside a longer word or number); others anywhere. */
	static String keywordRegex(String keyword) {
		String quoted = Pattern.quote(keyword);
		String start = Character.isLetterOrDigit(keyword.charAt(0)) && keyword.charAt(0) < 128
				? "(?<![a-z0-9])" : "";
		char last = keyword.charAt(keyword.length() - 1);
		String end = Character.isLetterOrDigit(last) && last < 128 ? "(?![a-z0-9])" : "";
		return start + quoted + end;
	}

	private static String known(String severity, String where) {
		if (!Severity.ALL.contains(severity)) {
			throw new IllegalArgumentException(where + ": unknown severity '" + severity + "'; one of " + Severity.ALL);
		}
		return severity;
	}

	private record CompiledSignal(String id, String severity, List<Pattern> patterns) {

	}

}
