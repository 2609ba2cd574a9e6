package io.feedbackloop.contracts;

import java.util.Objects;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * {@code feedback.classified.v1}: complaint-router decided what a piece of feedback is. Written on
 * {@link Topics#COMPLAINT_CASES} for every record; complaints are followed by
 * {@link ComplaintRouted}.
 *
 * @param feedbackId the feedback record
 * @param customerId the customer
 * @param channel where it came from
 * @param kind complaint, praise, suggestion or inquiry
 * @param category category in the active taxonomy, such as {@code network} or {@code billing}
 * @param confidence 0 to 1
 * @param sentiment {@code negative}, {@code neutral} or {@code positive}
 * @param language {@code zh} or {@code en}
 * @param classifierVersion the model or rule-set version that decided
 * @param caseId the complaint case opened for it, when it is a complaint
 * @param classifiedAt when
 */
public record FeedbackClassified(FeedbackId feedbackId, CustomerId customerId, Channel channel, FeedbackKind kind,
		String category, double confidence, String sentiment, String language, String classifierVersion,
		@Nullable CaseId caseId, Instant classifiedAt) {

	public FeedbackClassified {
		Objects.requireNonNull(feedbackId, "feedbackId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(channel, "channel is required");
		Objects.requireNonNull(kind, "kind is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(sentiment, "sentiment is required");
		Objects.requireNonNull(language, "language is required");
		Objects.requireNonNull(classifierVersion, "classifierVersion is required");
		Objects.requireNonNull(classifiedAt, "classifiedAt is required");
	}

}
