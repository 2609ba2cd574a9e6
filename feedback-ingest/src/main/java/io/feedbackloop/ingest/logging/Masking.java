package io.feedbackloop.ingest.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers and e-mail addresses in free text: {@code +8613800138000} becomes
 * {@code +86*******8000}, {@code zhang.wei@example.com} becomes {@code z***@example.com}. Enough is left
 * to tell two customers apart in an incident, not enough to call or write to them.
 */
public final class Masking {

	/** Internationalised addresses too ({@code 张伟@例子.中国}): the validator accepts them. */
	private static final Pattern EMAIL = Pattern
		.compile("([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,})");

	/** International numbers, and runs of 7 or more digits with the separators people type. */
	private static final Pattern PHONE = Pattern.compile("(?<![\\w-])(\\+?)(\\d[\\d \\-().]{5,18}\\d)(?![\\w-])");

	private Masking() {
	}

	public static String mask(String text) {
		if (text.indexOf('@') < 0 && !hasDigitRun(text)) {
			return text;
		}
		String masked = EMAIL.matcher(text).replaceAll("$1***@$2");
		Matcher phone = PHONE.matcher(masked);
		StringBuilder out = new StringBuilder();
		while (phone.find()) {
			String digits = phone.group(2).replaceAll("[^0-9]", "");
			// National numbers have at most 12 digits; longer runs without '+' are ids, offsets, epoch millis.
			int longest = phone.group(1).isEmpty() ? 12 : 15;
			if (digits.length() < 7 || digits.length() > longest || looksLikeATime(phone.group(2))) {
				phone.appendReplacement(out, Matcher.quoteReplacement(phone.group()));
				continue;
			}
			String prefix = phone.group(1).isEmpty() ? "" : "+" + digits.substring(0, 2);
			int keep = phone.group(1).isEmpty() ? 0 : 2;
			String masking = "*".repeat(digits.length() - keep - 4) + digits.substring(digits.length() - 4);
			phone.appendReplacement(out, Matcher.quoteReplacement(prefix + masking));
		}
		phone.appendTail(out);
		return out.toString();
	}

	/** A cheap pre-check: most log lines have fewer than 7 digits and need no regex at all. */
	private static boolean hasDigitRun(String text) {
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isDigit(text.charAt(i)) && ++digits >= 7) {
				return true;
			}
		}
		return false;
	}

	/** Dates and times in log lines (2026-11-22, 08:15:00.250) are not phone numbers. */
	private static boolean looksLikeATime(String candidate) {
		return candidate.matches("\\d{4}-\\d{2}-\\d{2}.*") || candidate.contains(":");
	}

}
