/**
 * Consumes feedback.received.v1 from Kafka: classify; link a repeat contact to its open case, or open
 * and route a case (in manual triage when the classifier is unsure); publish what was decided; each
 * event once.
 */
@NullMarked
package io.feedbackloop.router.intake;

import org.jspecify.annotations.NullMarked;
