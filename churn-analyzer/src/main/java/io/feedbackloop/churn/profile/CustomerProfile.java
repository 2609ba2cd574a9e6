package io.feedbackloop.churn.profile;

import java.time.Instant;
import java.util.Map;

import io.feedbackloop.contracts.CustomerId;
import org.jspecify.annotations.Nullable;

/**
 * What churn-analyzer knows about one customer, as the REST API shows it. A profile can exist before
 * its first contact is counted: a customer's events on complaint.cases may be consumed before those
 * on feedback.intake, so the contact fields are then null or zero.
 *
 * @param customerId the customer
 * @param firstContactAt the earliest receipt of feedback from the customer
 * @param lastContactAt the latest receipt of feedback from the customer
 * @param contacts pieces of feedback received
 * @param contactsByChannel contacts per channel (phone, sms, web, app; zero included)
 * @param feedbackByKind classified feedback per kind (complaint, praise, suggestion, inquiry)
 * @param feedbackBySentiment classified feedback per sentiment (negative, neutral, positive)
 * @param complaintsByCategory complaints per category, such as {@code billing}
 * @param openComplaints complaint cases opened and not yet resolved
 * @param lastComplaintAt when the latest complaint that opened a case was received
 * @param lastCaseId the latest complaint case, also the customer's reference number
 * @param updatedAt when the profile last changed
 */
public record CustomerProfile(CustomerId customerId, @Nullable Instant firstContactAt, @Nullable Instant lastContactAt,
		long contacts, Map<String, Long> contactsByChannel, Map<String, Long> feedbackByKind,
		Map<String, Long> feedbackBySentiment, Map<String, Long> complaintsByCategory, long openComplaints,
		@Nullable Instant lastComplaintAt, @Nullable String lastCaseId, Instant updatedAt) {

}
