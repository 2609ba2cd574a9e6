package io.feedbackloop.contracts;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@code feedback.received.v1}: a channel system handed us a piece of feedback and it is safe in
 * Kafka. Written by feedback-ingest on {@link Topics#FEEDBACK_INTAKE}, keyed by customer id.
 *
 * @param feedbackId our id for the record
 * @param channel the channel system it came through
 * @param channelRecordId the channel system's own id for it
 * @param customerId the customer's id
 * @param contact how to reach the customer
 * @param occurredAt when the customer gave it (as the channel says)
 * @param receivedAt when feedback-ingest accepted it
 * @param text the customer's words, NFC-normalised and trimmed
 * @param language {@code zh} or {@code en}: given by the channel, or detected
 * @param details what the channel system knows beyond the text (call, SMS, form, app, attachments,
 * metadata); absent in events written before it was added, and when the channel sent none
 */
public record FeedbackReceived(FeedbackId feedbackId, Channel channel, String channelRecordId, CustomerId customerId,
		Contact contact, Instant occurredAt, Instant receivedAt, String text, String language,
		@Nullable ChannelDetails details) {

	public FeedbackReceived {
		Objects.requireNonNull(feedbackId, "feedbackId is required");
		Objects.requireNonNull(channel, "channel is required");
		Objects.requireNonNull(channelRecordId, "channelRecordId is required");
		Objects.requireNonNull(customerId, "customerId is required");
		Objects.requireNonNull(contact, "contact is required");
		Objects.requireNonNull(occurredAt, "occurredAt is required");
		Objects.requireNonNull(receivedAt, "receivedAt is required");
		Objects.requireNonNull(text, "text is required");
		Objects.requireNonNull(language, "language is required");
	}

	/** Without channel details, as the event was before they were added. */
	public FeedbackReceived(FeedbackId feedbackId, Channel channel, String channelRecordId, CustomerId customerId,
			Contact contact, Instant occurredAt, Instant receivedAt, String text, String language) {
		this(feedbackId, channel, channelRecordId, customerId, contact, occurredAt, receivedAt, text, language, null);
	}

}
