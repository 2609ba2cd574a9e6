package io.feedbackloop.router.severity;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.severity.*}: the signals in a complaint's text that make it serious, and what
 * else raises it.
 *
 * @param baseline the severity of a complaint without any signal
 * @param signals what to look for in the text; the highest severity among those found applies
 * @param raisingTiers customer tiers that raise the severity one level (high-value customers)
 * @param repeatContactRaises whether each repeat contact raises the open case's severity one level
 */
@ConfigurationProperties("feedbackloop.severity")
public record SeverityProperties(@DefaultValue("normal") String baseline, @DefaultValue List<Signal> signals,
		@DefaultValue({ "vip", "gold" }) List<String> raisingTiers,
		@DefaultValue("true") boolean repeatContactRaises) {

	/**
	 * One kind of signal.
	 *
	 * @param id names it in the reasons, such as {@code regulator}
	 * @param severity the severity a text with it has at least
	 * @param keywords literal words, case-insensitive: Chinese ones anywhere in the text, ones with Latin
	 * letters or digits only as whole words (so {@code sue} does not match "issue", {@code 12315} not
	 * a longer number)
	 * @param patterns Java regular expressions, case-insensitive, for what keywords cannot say
	 */
	public record Signal(String id, String severity, @DefaultValue List<String> keywords,
			@DefaultValue List<String> patterns, @Nullable String description) {

	}

}
