package io.feedbackloop.classifier;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A labelled text: the label per head ({@code kind}, {@code category}, {@code sentiment}, or {@code label}
 * for a single-head file); a head without a label is not trained from this example.
 */
public record Example(String id, String text, Map<String, String> labels) {

	public Example {
		labels = Map.copyOf(labels);
	}

	public @Nullable String label(String head) {
		return this.labels.get(head);
	}

}
