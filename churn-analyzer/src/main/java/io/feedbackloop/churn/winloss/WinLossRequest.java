package io.feedbackloop.churn.winloss;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/win-loss}: the domain's checklist. Everything is read as text and checked by
 * {@link WinLossRequest#validate}, so that every invalid field is named in one answer.
 *
 * @param customer customer details: {@code id} (required), {@code name}, {@code valueTier},
 * {@code salesOwnerId}
 * @param history the customer's history with us
 * @param business the business in question (required)
 * @param outcome {@code won} or {@code lost} (required)
 * @param reason from the taxonomy (required)
 * @param reasonText the reason in words (required for {@code other})
 * @param winBack if lost, how to win it back (required when lost)
 * @param keeps if won, what keeps it (required when won)
 * @param askedBy who asked the customer (required)
 */
public record WinLossRequest(@Nullable Customer customer, @Nullable String history, @Nullable String business,
		@Nullable String outcome, @Nullable String reason, @Nullable String reasonText, @Nullable String winBack,
		@Nullable String keeps, @Nullable String askedBy) {

	/** Customer details. */
	public record Customer(@Nullable String id, @Nullable String name, @Nullable String valueTier,
			@Nullable String salesOwnerId) {

	}

}
