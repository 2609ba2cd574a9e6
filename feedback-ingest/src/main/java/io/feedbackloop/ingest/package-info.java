/**
 * feedback-ingest: the REST intake for channel systems (call centre, SMS, web, app). It validates a
 * piece of feedback, publishes it as {@code feedback.received.v1} and answers 2xx only once Kafka
 * acknowledged it; it keeps a small status document per record that the complaint-router's
 * classification updates.
 */
@NullMarked
package io.feedbackloop.ingest;

import org.jspecify.annotations.NullMarked;
