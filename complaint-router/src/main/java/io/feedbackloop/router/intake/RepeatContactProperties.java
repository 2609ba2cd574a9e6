package io.feedbackloop.router.intake;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.cases.repeat-contacts.*}: when a new complaint is the same matter as an open case.
 *
 * @param window how long after the customer's last contact about an open case a new complaint still
 * counts as coming back about it
 * @param textSimilarity how similar (cosine of character bigrams and words, 0 to 1) a text must be to the
 * case's to count as the same matter when the category differs
 */
@ConfigurationProperties("feedbackloop.cases.repeat-contacts")
record RepeatContactProperties(@DefaultValue("7d") Duration window, @DefaultValue("0.5") double textSimilarity) {

	RepeatContactProperties {
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("feedbackloop.cases.repeat-contacts.window must be positive");
		}
		if (textSimilarity <= 0 || textSimilarity > 1) {
			throw new IllegalArgumentException(
					"feedbackloop.cases.repeat-contacts.text-similarity must be above 0 and at most 1");
		}
	}

}
