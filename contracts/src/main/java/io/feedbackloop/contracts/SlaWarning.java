package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.sla.warning.v1}: a response timer of a complaint case reached a warning threshold
 * (such as 50 % or 75 % of its target) and the case is still not answered or resolved. Staff notices
 * are sent from it. Written by complaint-router on {@link Topics#COMPLAINT_CASES}, once per case,
 * timer, cycle and threshold (the event id is derived from them).
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
 * @param fraction the share of the target used up, such as 0.5
 * @param dueAt when the target falls due, as computed when the warning fired
 * @param scheduledAt when the warning was due to fire
 * @param firedAt when it fired
 * @param latenessMs firedAt minus scheduledAt, in milliseconds
 */
public record SlaWarning(CaseId caseId, CustomerId customerId, String department, String category,
		@Nullable String severity, @Nullable String customerTier, SlaTimerKind timer, String policyId, int cycle,
		double fraction, Instant dueAt, Instant scheduledAt, Instant firedAt, long latenessMs) {

	public SlaWarning {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(department, "department is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(timer, "timer is required");
		Objects.requireNonNull(policyId, "policyId is required");
		Objects.requireNonNull(dueAt, "dueAt is required");
		Objects.requireNonNull(scheduledAt, "scheduledAt is required");
		Objects.requireNonNull(firedAt, "firedAt is required");
	}

}
