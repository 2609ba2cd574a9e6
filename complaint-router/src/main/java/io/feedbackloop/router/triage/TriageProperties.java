package io.feedbackloop.router.triage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.classification.confidence-floor}: a complaint classified with less confidence
 * than this starts in manual triage, and a person decides its kind and category.
 */
@ConfigurationProperties("feedbackloop.classification")
public record TriageProperties(@DefaultValue("0.5") double confidenceFloor) {

	public TriageProperties {
		if (confidenceFloor < 0 || confidenceFloor > 1) {
			throw new IllegalArgumentException(
					"feedbackloop.classification.confidence-floor must be between 0 and 1, not " + confidenceFloor);
		}
	}

	public boolean needsTriage(double confidence) {
		return confidence < this.confidenceFloor;
	}

}
