package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.reclassified.v1}: a person corrected the classification of a complaint case (its
 * kind, category and severity), through complaint-router's case API. Written by complaint-router on
 * {@link Topics#COMPLAINT_CASES}, after the {@link FeedbackClassified} of the case's feedback and before
 * the events the correction causes: a {@link ComplaintRouted} when it stays a complaint (re-routed), a
 * {@link ComplaintStatusChanged} to {@code invalid} when it is no complaint after all. Consumers that
 * count feedback by kind or category move the case's feedback record from {@code fromKind} /
 * {@code fromCategory} to {@code kind} / {@code category}.
 *
 * @param caseId the case
 * @param feedbackId the feedback record the case was opened for, whose classification this corrects
 * @param customerId the customer
 * @param fromKind the kind before the correction (a case is always a complaint until a correction)
 * @param fromCategory the category before the correction
 * @param kind the kind a person decided: complaint, praise, suggestion or inquiry (anything but a
 * complaint ends the case as invalid)
 * @param category the category a person decided
 * @param fromSeverity the case's severity before the correction
 * @param severity the case's severity after the correction
 * @param actorId who corrected it
 * @param actorRole the actor's role
 * @param note why, or the explanation to the customer
 * @param version the case's version after the correction (optimistic concurrency); a later correction
 * of the same case has a greater one
 * @param reclassifiedAt when
 */
public record ComplaintReclassified(CaseId caseId, FeedbackId feedbackId, CustomerId customerId,
		FeedbackKind fromKind, String fromCategory, FeedbackKind kind, String category, String fromSeverity,
		String severity, String actorId, String actorRole, @Nullable String note, long version,
		Instant reclassifiedAt) {

	public ComplaintReclassified {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(feedbackId, "feedbackId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(fromKind, "fromKind is required");
		Objects.requireNonNull(fromCategory, "fromCategory is required");
		Objects.requireNonNull(kind, "kind is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(fromSeverity, "fromSeverity is required");
		Objects.requireNonNull(severity, "severity is required");
		Objects.requireNonNull(actorId, "actorId is required");
		Objects.requireNonNull(actorRole, "actorRole is required");
		Objects.requireNonNull(reclassifiedAt, "reclassifiedAt is required");
	}

}
