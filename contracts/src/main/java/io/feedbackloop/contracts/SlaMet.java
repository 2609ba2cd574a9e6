package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.sla.met.v1}: a response timer of a complaint case stopped within its target: the
 * first response came in time, or the case was closed in time. Not written for {@code periodic-update}
 * (every reply would be one) nor for a target achieved after its breach. Written by complaint-router on
 * {@link Topics#COMPLAINT_CASES}, once per case, timer and cycle (the event id is derived from them).
 *
 * @param caseId the case
 * @param customerId the customer
 * @param department the department that owns the case
 * @param category the complaint category
 * @param severity the case's severity, when known
 * @param customerTier the customer's tier, when known
 * @param timer which timer
 * @param policyId the SLA policy that set the target
 * @param cycle 0 for the timer's first run, one more for each restart (a reopened case)
 * @param dueAt when the target would have fallen due
 * @param metAt when the response or closing happened
 */
public record SlaMet(CaseId caseId, CustomerId customerId, String department, String category,
		@Nullable String severity, @Nullable String customerTier, SlaTimerKind timer, String policyId, int cycle,
		Instant dueAt, Instant metAt) {

	public SlaMet {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(department, "department is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(timer, "timer is required");
		Objects.requireNonNull(policyId, "policyId is required");
		Objects.requireNonNull(dueAt, "dueAt is required");
		Objects.requireNonNull(metAt, "metAt is required");
	}

}
