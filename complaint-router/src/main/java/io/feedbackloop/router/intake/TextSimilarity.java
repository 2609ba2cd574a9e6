package io.feedbackloop.router.intake;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How alike two complaint texts are, 0 to 1: the cosine of their term counts, where the terms are
 * character bigrams of Chinese (which has no spaces between words) and whole words of everything
 * else. Good enough to tell "the same matter, said again" from another matter.
 */
final class TextSimilarity {

	private TextSimilarity() {
	}

	static double cosine(String a, String b) {
		Map<String, Integer> left = terms(a);
		Map<String, Integer> right = terms(b);
		if (left.isEmpty() || right.isEmpty()) {
			return 0;
		}
		double dot = 0;
		for (Map.Entry<String, Integer> term : left.entrySet()) {
			Integer other = right.get(term.getKey());
			if (other != null) {
				dot += (double) term.getValue() * other;
			}
		}
		return dot / (norm(left) * norm(right));
	}

	static Map<String, Integer> terms(String text) {
		Map<String, Integer> terms = new HashMap<>();
		String lower = text.toLowerCase(Locale.ROOT);
		StringBuilder word = new StringBuilder();
		int previousHan = -1;
		for (int i = 0; i < lower.length();) {
			int cp = lower.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
				flush(word, terms);
				if (previousHan >= 0) {
					terms.merge(new String(Character.toChars(previousHan)) + new String(Character.toChars(cp)), 1,
							Integer::sum);
				}
				previousHan = cp;
			}
			else if (Character.isLetterOrDigit(cp)) {
				previousHan = -1;
				word.appendCodePoint(cp);
			}
			else {
				previousHan = -1;
				flush(word, terms);
			}
		}
		flush(word, terms);
		return terms;
	}

	private static void flush(StringBuilder word, Map<String, Integer> terms) {
		if (word.length() > 0) {
			terms.merge(word.toString(), 1, Integer::sum);
			word.setLength(0);
		}
	}

	private static double norm(Map<String, Integer> terms) {
		double sum = 0;
		for (int count : terms.values()) {
			sum += (double) count * count;
		}
		return Math.sqrt(sum);
	}

}
