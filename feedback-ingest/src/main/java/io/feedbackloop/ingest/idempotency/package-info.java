/**
 * Recognising a record sent again: each submission claims its key (the client's {@code Idempotency-Key},
 * or its channel and channel record id) in MongoDB's {@code intake_claims} collection, whose unique
 * {@code _id} makes exactly one of any number of concurrent requests, on any number of instances, the
 * owner. The owner publishes to Kafka and then marks the claim published; a repeat of a published
 * claim gets the original feedback id. A claim whose publish failed is released at once, and one whose
 * owner died keeps it only for its lease: the next repeat takes it over and publishes the same record
 * (same feedback id, same event id) again, so that nothing acknowledged is lost and no second record
 * is made.
 */
@NullMarked
package io.feedbackloop.ingest.idempotency;

import org.jspecify.annotations.NullMarked;
