package io.feedbackloop.router.triage;

import org.jspecify.annotations.Nullable;

/**
 * A person's decision about a case's classification.
 *
 * @param kind complaint (the default), praise, suggestion or inquiry; anything but a complaint ends the
 * case as invalid, with {@code note} as the explanation to the customer
 * @param category a category of the taxonomy
 * @param severity low, normal, high or critical; unchanged when absent
 * @param note why, or the explanation to the customer
 * @param assignee when a triage case moves on to assigned: who owns it (by default it waits in its
 * department's queue)
 */
public record Correction(@Nullable String kind, @Nullable String category, @Nullable String severity,
		@Nullable String note, @Nullable String assignee) {

}
