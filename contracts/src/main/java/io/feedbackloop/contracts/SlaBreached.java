package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.sla.breached.v1}: a response timer of a complaint case passed its target without
 * the response (or resolution) it waits for: a broken promise when the timer is
 * {@code first-response} or {@code periodic-update}. Staff are told and the churn analysis counts the
 * breaches a customer suffered. Written by complaint-router on {@link Topics#COMPLAINT_CASES}, once per
 * case, timer and cycle (the event id is derived from them).
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
 * @param dueAt when the target fell due
 * @param firedAt when the breach was detected and published
 * @param latenessMs firedAt minus dueAt, in milliseconds
 */
public record SlaBreached(CaseId caseId, CustomerId customerId, String department, String category,
		@Nullable String severity, @Nullable String customerTier, SlaTimerKind timer, String policyId, int cycle,
		Instant dueAt, Instant firedAt, long latenessMs) {

	public SlaBreached {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(department, "department is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(timer, "timer is required");
		Objects.requireNonNull(policyId, "policyId is required");
		Objects.requireNonNull(dueAt, "dueAt is required");
		Objects.requireNonNull(firedAt, "firedAt is required");
	}

}
