/**
 * The win/loss log: why business with a customer was won or lost, recorded through the REST API by
 * someone outside sales, published as {@code customer.win-loss-recorded.v1} and kept in {@code win_loss}.
 */
@NullMarked
package io.feedbackloop.churn.winloss;

import org.jspecify.annotations.NullMarked;
