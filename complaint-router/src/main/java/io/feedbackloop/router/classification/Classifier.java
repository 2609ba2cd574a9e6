package io.feedbackloop.router.classification;

/** Classifies feedback text. Implementations are thread-safe. */
public interface Classifier {

	/**
	 * @param feedbackId the feedback record the text is (a shadow model's comparison is kept once per record)
	 * @param text the customer's words
	 * @param language {@code zh} or {@code en}
	 */
	Classification classify(String feedbackId, String text, String language);

}
