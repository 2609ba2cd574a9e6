/**
 * Consumes feedback.received.v1 from Kafka: classify, open and route the case, publish what was decided; each event once.
 */
@NullMarked
package io.feedbackloop.router.intake;

import org.jspecify.annotations.NullMarked;
