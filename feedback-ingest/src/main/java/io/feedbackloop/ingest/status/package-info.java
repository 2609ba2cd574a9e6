/**
 * Where a feedback record stands: one document per record in the {@code feedback} collection,
 * written {@code accepted} by the intake once Kafka acknowledged it, and moved to
 * {@code classified} by complaint-router's {@code feedback.classified.v1} events, consumed from
 * {@code complaint.cases}. Both writes are upserts keyed by the feedback id, so that they may arrive
 * in either order and be repeated without changing the outcome. {@code GET /api/v1/feedback/{id}}
 * reads it.
 */
@NullMarked
package io.feedbackloop.ingest.status;

import org.jspecify.annotations.NullMarked;
