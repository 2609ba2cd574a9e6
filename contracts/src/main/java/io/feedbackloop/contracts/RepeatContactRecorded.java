package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.repeat-contact.v1}: a customer complained again about a matter that already has an
 * open case (the same category, or a similar text, within the repeat-contact window, on any channel).
 * The new feedback was linked to that case and counted as a repeat contact; no new case was opened.
 * Written by complaint-router on {@link Topics#COMPLAINT_CASES}.
 *
 * @param caseId the open case the feedback was linked to
 * @param customerId the customer
 * @param feedbackId the new feedback record
 * @param channel where the repeat contact came from
 * @param category the case's category
 * @param matchedBy why it counts as the same matter: {@code category} or {@code text-similarity}
 * @param repeatContacts the case's repeat contacts, this one included
 * @param receivedAt when feedback-ingest accepted the new feedback
 * @param version the case's version after the link (optimistic concurrency)
 * @param linkedAt when it was linked
 * @param severity the case's severity after this contact (a repeat contact raises it one level);
 * absent in events written before it was added
 * @param tier the customer's tier on the case; absent in events written before it was added
 */
public record RepeatContactRecorded(CaseId caseId, CustomerId customerId, FeedbackId feedbackId, Channel channel,
		String category, String matchedBy, int repeatContacts, Instant receivedAt, long version, Instant linkedAt,
		@Nullable String severity, @Nullable String tier) {

	public RepeatContactRecorded {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(feedbackId, "feedbackId is required");
		Objects.requireNonNull(channel, "channel is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(matchedBy, "matchedBy is required");
		Objects.requireNonNull(receivedAt, "receivedAt is required");
		Objects.requireNonNull(linkedAt, "linkedAt is required");
	}

	/** Without severity and tier, as the event was before they were added. */
	public RepeatContactRecorded(CaseId caseId, CustomerId customerId, FeedbackId feedbackId, Channel channel,
			String category, String matchedBy, int repeatContacts, Instant receivedAt, long version,
			Instant linkedAt) {
		this(caseId, customerId, feedbackId, channel, category, matchedBy, repeatContacts, receivedAt, version,
				linkedAt, null, null);
	}

}
