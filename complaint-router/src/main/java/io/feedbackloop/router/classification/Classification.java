package io.feedbackloop.router.classification;

import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.FeedbackKind;
import org.jspecify.annotations.Nullable;

/**
 * What a classifier decided about one text.
 *
 * @param kind complaint, praise, suggestion or inquiry
 * @param category a category of the taxonomy ({@code other} when nothing matched)
 * @param confidence 0 to 1: for a complaint the lower of the kind's and the category's confidence (both
 * decide where it goes), else the kind's
 * @param sentiment {@code negative}, {@code neutral} or {@code positive}
 * @param version the classifier version that decided: {@code <model version>+<rules version>}
 * @param evidence the rules or features that decided, per head, for the explanation shown to agents
 * @param confidences per head ({@code kind}, {@code category}, {@code sentiment}) its confidence (1.0 for
 * what a person corrected); empty when not known (a case stored before they were kept)
 * @param language the language detected in the text ({@code zh} or {@code en}), or null when not known
 */
public record Classification(FeedbackKind kind, String category, double confidence, String sentiment, String version,
		List<String> evidence, Map<String, Double> confidences, @Nullable String language) {

	public Classification {
		evidence = List.copyOf(evidence);
		confidences = Map.copyOf(confidences);
	}

	public Classification(FeedbackKind kind, String category, double confidence, String sentiment, String version,
			List<String> evidence) {
		this(kind, category, confidence, sentiment, version, evidence, Map.of(), null);
	}

}
