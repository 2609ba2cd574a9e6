package io.feedbackloop.ingest.idempotency;

import java.time.Instant;

/**
 * @param key the idempotency key, scoped to the client
 * @param fingerprint SHA-256 of the normalised record: the same key with another fingerprint is a
 * conflict
 * @param feedbackId the id the record gets if this request is the first
 * @param receivedAt when this request was received
 */
public record ClaimRequest(String key, String fingerprint, String feedbackId, Instant receivedAt) {

}
