package io.feedbackloop.router.cases;

import io.feedbackloop.contracts.CaseStatus;
import org.jspecify.annotations.Nullable;

/**
 * A requested step of the complaint process, with what the step needs.
 *
 * @param to the status to move to
 * @param note the actor's words: required for {@code invalid} (the polite explanation the customer
 * gets), {@code reopened}, and when a remedy is rejected or the customer is not satisfied; for {@code closed}
 * the outcome the customer's closing message states
 * @param assignee for {@code assigned}, and {@code investigating} a case nobody owns: who owns the case (by
 * default the actor, when the actor may own it)
 * @param cause for {@code remedy-proposed}: what caused the problem
 * @param responsibleParty for {@code remedy-proposed}: who is responsible (a department, a supplier...)
 * @param remedy for {@code remedy-proposed}: refund, exchange, repair, discount, compensation or
 * explanation
 * @param medium for {@code remedy-carried-out}: how the customer was told (phone, sms, email,
 * in-person); for {@code closed} by a person: how the customer confirmed
 */
public record Transition(CaseStatus to, @Nullable String note, @Nullable String assignee, @Nullable String cause,
		@Nullable String responsibleParty, @Nullable String remedy, @Nullable String medium) {

	public static Transition to(CaseStatus to, @Nullable String note) {
		return new Transition(to, note, null, null, null, null, null);
	}

}
