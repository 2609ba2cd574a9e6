/** The churn early warning: at-risk episodes with hysteresis, {@code customer.churn-risk.v1}, the at-risk list. */
@NullMarked
package io.feedbackloop.churn.risk;

import org.jspecify.annotations.NullMarked;
