package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code complaint.sla.escalated.v1}: a breached timer is still not satisfied after the delay of an
 * escalation level, and the case goes up the ladder (team lead, then department head, then service
 * director). Written by complaint-router on {@link Topics#COMPLAINT_CASES}, once per case, timer,
 * cycle and level (the event id is derived from them).
 *
 * @param caseId the case
 * @param customerId the customer
 * @param department the department that owns the case
 * @param category the complaint category
 * @param severity the case's severity, when known
 * @param customerTier the customer's tier, when known
 * @param timer which timer
 * @param policyId the SLA policy that set the ladder
 * @param cycle 0 for the timer's first run, one more for each restart (a reopened case)
 * @param level 1 for the first rung of the ladder, 2 for the next, ...
 * @param escalateTo the role to notify, such as {@code team-lead}, {@code department-head},
 * {@code service-director}
 * @param dueAt when the target fell due
 * @param scheduledAt when this level was due to fire
 * @param firedAt when it fired
 * @param latenessMs firedAt minus scheduledAt, in milliseconds
 */
public record SlaEscalated(CaseId caseId, CustomerId customerId, String department, String category,
		@Nullable String severity, @Nullable String customerTier, SlaTimerKind timer, String policyId, int cycle,
		int level, String escalateTo, Instant dueAt, Instant scheduledAt, Instant firedAt, long latenessMs) {

	public SlaEscalated {
		Objects.requireNonNull(caseId, "caseId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(department, "department is required");
		Objects.requireNonNull(category, "category is required");
		Objects.requireNonNull(timer, "timer is required");
		Objects.requireNonNull(policyId, "policyId is required");
		Objects.requireNonNull(escalateTo, "escalateTo is required");
		Objects.requireNonNull(dueAt, "dueAt is required");
		Objects.requireNonNull(scheduledAt, "scheduledAt is required");
		Objects.requireNonNull(firedAt, "firedAt is required");
	}

}
