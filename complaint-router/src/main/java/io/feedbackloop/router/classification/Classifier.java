package io.feedbackloop.router.classification;

/** Classifies feedback text. Implementations are thread-safe. */
public interface Classifier {

	/**
	 * @param text the customer's words
	 * @param language {@code zh} or {@code en}
	 */
	Classification classify(String text, String language);

}
