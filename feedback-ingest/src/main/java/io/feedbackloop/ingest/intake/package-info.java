/**
 * Taking feedback in: {@code POST /api/v1/feedback} validates and normalises a channel system's
 * record, publishes it as {@code feedback.received.v1} and answers 202 only after Kafka acknowledged
 * it (acks=all); when Kafka does not, the caller gets 503 with {@code Retry-After} and must send the
 * record again. Nothing is promised before the broker has the record.
 */
@NullMarked
package io.feedbackloop.ingest.intake;

import org.jspecify.annotations.NullMarked;
