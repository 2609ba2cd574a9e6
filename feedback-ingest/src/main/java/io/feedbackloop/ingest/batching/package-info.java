/**
 * Group commit: concurrent requests share one MongoDB round trip, while each still waits for its own
 * write.
 */
@NullMarked
package io.feedbackloop.ingest.batching;

import org.jspecify.annotations.NullMarked;
