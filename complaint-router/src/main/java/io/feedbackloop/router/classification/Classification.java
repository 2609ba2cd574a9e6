package io.feedbackloop.router.classification;

import java.util.List;

import io.feedbackloop.contracts.FeedbackKind;

/**
 * What a classifier decided about one text.
 *
 * @param kind complaint, praise, suggestion or inquiry
 * @param category a category of the taxonomy ({@code other} when nothing matched)
 * @param confidence 0 to 1
 * @param sentiment {@code negative}, {@code neutral} or {@code positive}
 * @param version the classifier version that decided
 * @param evidence the rules or terms that decided, for the explanation shown to agents
 */
public record Classification(FeedbackKind kind, String category, double confidence, String sentiment, String version,
		List<String> evidence) {

}
