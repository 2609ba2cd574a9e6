package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.status-changed.v1}: a complaint case moved from one status to another. Written by
 * complaint-router on {@link Topics#COMPLAINT_CASES} for every transition, so that a case's history
 * can be rebuilt from the topic.
 *
 * @param caseId the case
 * @param customerId the customer
 * @param fromStatus the status before
 * @param toStatus the status after
 * @param actorId who made the change (agent or supervisor id, or {@code system})
 * @param actorRole {@code agent}, {@code supervisor}, {@code analyst} or {@code system}
 * @param note free text the actor gave (reason, explanation to the customer)
 * @param details structured facts of the step, such as {@code cause}, {@code responsibleParty},
 * {@code remedy} (refund, exchange, repair, discount, compensation, explanation), {@code department}
 * @param version the case's version after the change (optimistic concurrency)
 * @param changedAt when
 */
public record ComplaintStatusChanged(CaseId caseId, CustomerId customerId, CaseStatus fromStatus, CaseStatus toStatus,
		String actorId, String actorRole, @Nullable String note, @Nullable Map<String, String> details, long version,
		Instant changedAt) {

	public ComplaintStatusChanged {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(fromStatus, "fromStatus is required");
		Objects.requireNonNull(toStatus, "toStatus is required");
		Objects.requireNonNull(actorId, "actorId is required");
		Objects.requireNonNull(actorRole, "actorRole is required");
		Objects.requireNonNull(changedAt, "changedAt is required");
		details = (details != null) ? Map.copyOf(details) : null;
	}

}
