package io.feedbackloop.ingest.intake;

import java.time.Instant;

import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import org.jspecify.annotations.Nullable;

/**
 * A submission that passed validation: text normalised, language decided, phone numbers in E.164,
 * IP addresses and device ids replaced by keyed hashes, metadata keys sorted.
 */
public record ValidFeedback(Channel channel, String channelRecordId, CustomerId customerId, Contact contact,
		Instant occurredAt, String text, String language, @Nullable ChannelDetails details) {

}
