/**
 * Collections kept for analysts beside the profiles ({@code survey_answers}); the aggregations over
 * them and {@code customer_profiles} / {@code win_loss} are documented, and tested, in the README.
 */
@NullMarked
package io.feedbackloop.churn.analytics;

import org.jspecify.annotations.NullMarked;
