package io.feedbackloop.notification.channel;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks phone numbers and e-mail addresses for logs. */
public final class Recipients {

	private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+");

	private static final Pattern PHONE = Pattern.compile("(?<![0-9])\\+?[0-9]{7,15}(?![0-9])");

	/** A URL with a path or query: {@code https://hooks.example.com/T0/B0/secret}. */
	private static final Pattern URL_PATH = Pattern.compile("(?i)\\b(https?://[^\\s/\"'<>]+)[/?][^\\s\"'<>]*");

	private Recipients() {
	}

	/**
	 * Masks an address of a channel for logs: a webhook or service URL shows only its scheme and
	 * host (its path or query may carry a token); numbers and e-mail addresses as {@link #mask(String)}.
	 */
	public static String mask(ChannelType channel, String address) {
		if (channel == ChannelType.WEBHOOK || channel == ChannelType.INGEST) {
			int scheme = address.indexOf("://");
			int path = (scheme < 0) ? -1 : address.indexOf('/', scheme + 3);
			return (path < 0) ? address : address.substring(0, path) + "/…";
		}
		return mask(address);
	}

	/**
	 * {@code +8613800138000} becomes {@code +86******8000}, {@code wang@example.com} becomes
	 * {@code w***@example.com}: enough for a support person to match a complaint, not enough to
	 * contact the customer.
	 */
	public static String mask(String address) {
		int at = address.lastIndexOf('@');
		if (at >= 0) {
			String local = address.substring(0, at);
			return (local.isEmpty() ? "" : local.substring(0, 1)) + "***" + address.substring(at);
		}
		if (address.length() <= 7) {
			return "*".repeat(address.length());
		}
		int keepStart = 3;
		int keepEnd = 4;
		return address.substring(0, keepStart) + "*".repeat(address.length() - keepStart - keepEnd)
				+ address.substring(address.length() - keepEnd);
	}

	/**
	 * Masks whatever looks like an e-mail address, a phone number or the path of a URL (a webhook's often
	 * carries its token; an HTTP client's error repeats it) in a provider's error text, which may repeat the
	 * recipient and ends up in logs, dead-letter headers and the delivery log.
	 */
	public static String redact(String text) {
		String withoutPaths = URL_PATH.matcher(text).replaceAll((m) -> Matcher.quoteReplacement(m.group(1) + "/…"));
		String withoutEmails = EMAIL.matcher(withoutPaths).replaceAll(Recipients::masked);
		return PHONE.matcher(withoutEmails).replaceAll(Recipients::masked);
	}

	private static String masked(MatchResult match) {
		return Matcher.quoteReplacement(mask(match.group()));
	}

}
