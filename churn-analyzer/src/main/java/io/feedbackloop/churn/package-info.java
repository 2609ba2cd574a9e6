/**
 * churn-analyzer: follows every customer's feedback and complaints from the event streams and keeps a
 * per-customer profile (contacts by channel, feedback by kind and sentiment, complaints by category,
 * open complaints), the ground on which the win/loss log and the churn early warning are built.
 */
@NullMarked
package io.feedbackloop.churn;

import org.jspecify.annotations.NullMarked;
