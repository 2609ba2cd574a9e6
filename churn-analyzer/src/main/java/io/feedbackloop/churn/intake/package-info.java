/**
 * Consumes feedback.intake and complaint.cases from Kafka and applies each event of the types the
 * customer profile follows to it, once; other types are ignored, unreadable events go to the
 * dead-letter topic.
 */
@NullMarked
package io.feedbackloop.churn.intake;

import org.jspecify.annotations.NullMarked;
