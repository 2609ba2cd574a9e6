package io.feedbackloop.ingest.intake;

import java.time.Instant;

/**
 * The answer to an accepted submission.
 *
 * @param feedbackId the reference for the channel system
 * @param status always {@code accepted}
 * @param receivedAt when it was accepted
 */
record AcceptedFeedback(String feedbackId, String status, Instant receivedAt) {

}
