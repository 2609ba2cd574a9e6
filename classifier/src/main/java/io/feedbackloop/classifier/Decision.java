package io.feedbackloop.classifier;

import java.util.List;
import java.util.Map;

/**
 * What the engine decided about one text.
 *
 * @param heads per head ({@code kind}, {@code category}, {@code sentiment}) the decision
 * @param language {@code zh} or {@code en} (the dominant script of a mixed text)
 * @param modelVersion the text model that scored it
 * @param rulesVersion the rules that scored it
 */
public record Decision(Map<String, HeadDecision> heads, String language, String modelVersion, String rulesVersion) {

	/**
	 * @param label the decided label
	 * @param confidence the combined probability of the label, 0 to 1
	 * @param explanation human readable: the rules that fired for the label, then the text's features that
	 * weigh most for it in the model
	 */
	public record HeadDecision(String label, double confidence, List<String> explanation) {
	}

	public HeadDecision head(String head) {
		HeadDecision decision = this.heads.get(head);
		if (decision == null) {
			throw new IllegalArgumentException("No decision for head '" + head + "'");
		}
		return decision;
	}

	/** {@code <model version>+<rules version>}: what a case records as the classifier version. */
	public String version() {
		return this.modelVersion + "+" + this.rulesVersion;
	}

}
