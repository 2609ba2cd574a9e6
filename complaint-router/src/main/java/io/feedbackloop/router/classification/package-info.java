/**
 * Decides what a piece of feedback is: kind, category, sentiment, with a confidence and the evidence that decided.
 */
@NullMarked
package io.feedbackloop.router.classification;

import org.jspecify.annotations.NullMarked;
