package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code customer.win-loss-recorded.v1}: business with a customer was won (or kept) or lost, and why,
 * recorded with the domain's checklist: customer details, customer history, the business in question,
 * won or lost, why, how to win it back (lost) or what keeps it (won), and who asked. The questions
 * should be asked by someone outside sales: a record made by the customer's own sales owner is
 * flagged. Written by churn-analyzer on {@link Topics#CUSTOMER_SIGNALS}.
 *
 * @param recordId the record's id
 * @param customerId the customer
 * @param customerName the customer's name or company, as the asker gave it
 * @param valueTier the customer's value tier ({@code standard}, {@code gold}, {@code vip}), when known
 * @param salesOwnerId the customer's sales owner, when the customer has one
 * @param history the customer's history with us, in the asker's words
 * @param serviceHistory the customer's history as the platform knew it when the record was made (before
 * this record); absent for a customer it never heard from
 * @param business the business in question (a contract, a plan, a line)
 * @param outcome won or lost
 * @param reason why, from the taxonomy
 * @param reasonText the reason in words; always present for {@code other}
 * @param winBack if lost, how to win it back
 * @param keeps if won, what keeps it
 * @param askedBy who asked the customer
 * @param askedBySalesOwner whether the asker is the customer's own sales owner (less reliable: sales
 * reports say wins come from relationships and losses from price)
 * @param recordedAt when it was recorded
 */
public record WinLossRecorded(String recordId, CustomerId customerId, @Nullable String customerName,
		@Nullable String valueTier, @Nullable String salesOwnerId, @Nullable String history,
		@Nullable ServiceHistory serviceHistory, String business,
		WinLossOutcome outcome, WinLossReason reason, @Nullable String reasonText, @Nullable String winBack,
		@Nullable String keeps, String askedBy, boolean askedBySalesOwner, Instant recordedAt) {

	public WinLossRecorded {
		Objects.requireNonNull(recordId, "recordId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(business, "business is required");
		Objects.requireNonNull(outcome, "outcome is required");
		Objects.requireNonNull(reason, "reason is required");
		Objects.requireNonNull(askedBy, "askedBy is required");
		Objects.requireNonNull(recordedAt, "recordedAt is required");
	}

	/**
	 * The customer's history with the service organisation as the platform's own records had it: the
	 * checklist's "customer history" in figures, beside the asker's words, kept as it was at the time.
	 *
	 * @param firstContactAt the customer's first feedback
	 * @param contacts feedback records from the customer
	 * @param complaints complaint cases
	 * @param openComplaints complaint cases still open
	 * @param complaintOutcome how the customer's complaints ended: {@code none}, {@code unresolved},
	 * {@code resolved}, {@code resolved-within-target}
	 * @param slaBreaches response targets missed on the customer's cases
	 * @param lastCaseId the customer's latest complaint case
	 * @param riskScore the churn-risk score (0–100)
	 * @param csatLast the latest satisfaction answer (1–5)
	 * @param npsLast the latest recommendation answer (0–10)
	 */
	public record ServiceHistory(@Nullable Instant firstContactAt, long contacts, long complaints, long openComplaints,
			@Nullable String complaintOutcome, long slaBreaches, @Nullable String lastCaseId,
			@Nullable Integer riskScore, @Nullable Integer csatLast, @Nullable Integer npsLast) {

	}

}
