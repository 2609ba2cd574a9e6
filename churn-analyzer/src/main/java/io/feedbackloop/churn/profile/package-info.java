/**
 * The customer profile: one MongoDB document per customer in {@code customer_profiles}, kept from the
 * event streams by exact, repeat-safe single-document updates, and read through the REST API. Later
 * features (win/loss log, churn-risk score) add their own {@link io.feedbackloop.churn.profile.ProfileChange}s.
 */
@NullMarked
package io.feedbackloop.churn.profile;

import org.jspecify.annotations.NullMarked;
