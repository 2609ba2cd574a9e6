package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.responded.v1}: an agent answered the customer on a complaint case (a call-back, an
 * SMS, an e-mail). The first one keeps (or breaks) the promise of a first response within the stated
 * time. Written by complaint-router on {@link Topics#COMPLAINT_CASES}.
 *
 * @param caseId the case
 * @param customerId the customer
 * @param agentId who answered
 * @param medium how: {@code phone}, {@code sms}, {@code email}, {@code in-person}
 * @param firstResponse whether this is the case's first response to the customer
 * @param respondedAt when
 * @param status the case's status once answered (a remedy carried out is told to the customer), so that the
 * customer's note of the call can say where the case stands; absent in events written before it was added
 */
public record ComplaintResponded(CaseId caseId, CustomerId customerId, String agentId, String medium,
		boolean firstResponse, Instant respondedAt, @Nullable CaseStatus status) {

	public ComplaintResponded {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(agentId, "agentId is required");
		Objects.requireNonNull(medium, "medium is required");
		Objects.requireNonNull(respondedAt, "respondedAt is required");
	}

}
