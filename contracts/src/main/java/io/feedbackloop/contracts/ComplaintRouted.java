package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.routed.v1}: a complaint case was opened and given to the department that owns its
 * category, with the promised first-response time. Written by complaint-router on
 * {@link Topics#COMPLAINT_CASES}. Carries the contact and language so that the acknowledgement can be
 * sent without asking another service.
 *
 * @param caseId the case, also the customer's reference number
 * @param feedbackId the feedback record it came from
 * @param customerId the customer
 * @param channel where the complaint came from
 * @param contact how to reach the customer
 * @param language {@code zh} or {@code en}
 * @param category the complaint category
 * @param department the owning department
 * @param receivedAt when feedback-ingest accepted the complaint
 * @param firstResponseDueAt the promise to the customer: receivedAt plus the promised hours
 * @param routedAt when the routing was decided
 * @param severity the case's severity ({@code low}, {@code normal}, {@code high}, {@code critical}) when
 * it was routed; absent in events written before it was added
 * @param tier the customer's tier ({@code standard}, {@code gold}, {@code vip}) when the case was
 * routed; absent in events written before it was added
 */
public record ComplaintRouted(CaseId caseId, FeedbackId feedbackId, CustomerId customerId, Channel channel,
		Contact contact, String language, String category, String department, Instant receivedAt,
		Instant firstResponseDueAt, Instant routedAt, @Nullable String severity, @Nullable String tier) {

	public ComplaintRouted {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(feedbackId, "feedbackId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(channel, "channel is required");
		Objects.requireNonNull(contact, "contact is required");
		Objects.requireNonNull(language, "language is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(department, "department is required");
		Objects.requireNonNull(receivedAt, "receivedAt is required");
		Objects.requireNonNull(firstResponseDueAt, "firstResponseDueAt is required");
		Objects.requireNonNull(routedAt, "routedAt is required");
	}

	/** Without severity and tier, as the event was before they were added. */
	public ComplaintRouted(CaseId caseId, FeedbackId feedbackId, CustomerId customerId, Channel channel,
			Contact contact, String language, String category, String department, Instant receivedAt,
			Instant firstResponseDueAt, Instant routedAt) {
		this(caseId, feedbackId, customerId, channel, contact, language, category, department, receivedAt,
				firstResponseDueAt, routedAt, null, null);
	}

}
