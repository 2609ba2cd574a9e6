package io.feedbackloop.ingest.intake;

import java.time.Instant;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;

/** A submission that passed validation, with its text normalised and its language decided. */
record ValidFeedback(Channel channel, String channelRecordId, CustomerId customerId, Contact contact,
		Instant occurredAt, String text, String language) {

}
