package io.feedbackloop.ingest.idempotency;

import java.time.Instant;

/** What claiming a key gave. */
public sealed interface ClaimOutcome {

	/**
	 * This request owns the key and must publish the record under this id.
	 * @param feedbackId new, or the id of an earlier attempt whose claim was taken over
	 * @param receivedAt when the first attempt was received
	 * @param version the claim's version, which only its owner may release
	 */
	record Owned(String key, String feedbackId, Instant receivedAt, long version) implements ClaimOutcome {

	}

	/** The record was published before: answer with its id. */
	record Published(String feedbackId, Instant receivedAt) implements ClaimOutcome {

	}

	/** The key was used for a different record. */
	record Conflict(String feedbackId) implements ClaimOutcome {

	}

	/** Another request is publishing the record right now. */
	record Busy(Instant leaseUntil) implements ClaimOutcome {

	}

}
