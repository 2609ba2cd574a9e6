package io.feedbackloop.ingest.intake;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an accepted submission ({@code 202}), or to a repeat of one ({@code 200}, same
 * feedback id, {@code duplicate: true}).
 *
 * @param feedbackId the reference for the channel system
 * @param status always {@code accepted}
 * @param receivedAt when the record was first accepted
 * @param duplicate true when the record had been accepted before
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record AcceptedFeedback(String feedbackId, String status, Instant receivedAt, boolean duplicate) {

	static AcceptedFeedback accepted(String feedbackId, Instant receivedAt) {
		return new AcceptedFeedback(feedbackId, "accepted", receivedAt, false);
	}

	static AcceptedFeedback repeated(String feedbackId, Instant receivedAt) {
		return new AcceptedFeedback(feedbackId, "accepted", receivedAt, true);
	}

}
