package io.feedbackloop.router.sla;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An entry of an instance's in-memory schedule: the timer may fire at {@code at} if it is still at
 * {@code rev}.
 *
 * @param bucket the bucket hint it was loaded from, settled once the timer moved on; null for
 * entries an instance scheduled for itself
 */
record Due(Instant at, String timerId, long rev, @Nullable BucketRef bucket) {

	/** A hint's place: bucket id and position in the bucket. */
	record BucketRef(String bucketId, int position) {

	}

}
