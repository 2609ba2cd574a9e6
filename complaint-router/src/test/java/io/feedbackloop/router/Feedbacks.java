package io.feedbackloop.router;

import java.time.Instant;
import java.util.UUID;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackReceived;

/** Test data: feedback as feedback-ingest would publish it, each with fresh ids. */
public final class Feedbacks {

	private Feedbacks() {
	}

	public static FeedbackReceived received(Channel channel, String text, String language) {
		String unique = UUID.randomUUID().toString();
		Instant receivedAt = Instant.parse("2026-11-22T08:30:00.123Z");
		return new FeedbackReceived(new FeedbackId("fb-" + unique), channel, "ch-" + unique,
				new CustomerId("cust-" + unique), new Contact("王女士", "+8613800138000", "wang@example.com"),
				receivedAt.minusSeconds(60), receivedAt, text, language);
	}

	/** Another piece of feedback from the same customer, received at the given time. */
	public static FeedbackReceived from(CustomerId customer, Channel channel, String text, String language,
			Instant receivedAt) {
		String unique = UUID.randomUUID().toString();
		return new FeedbackReceived(new FeedbackId("fb-" + unique), channel, "ch-" + unique, customer,
				new Contact("王女士", "+8613800138000", "wang@example.com"), receivedAt.minusSeconds(60), receivedAt,
				text, language);
	}

	public static Event<FeedbackReceived> event(FeedbackReceived feedback) {
		return EventCodec.event(EventTypes.FEEDBACK_RECEIVED, UUID.randomUUID().toString(), "/feedback-ingest",
				feedback.receivedAt(), feedback.feedbackId().value(), feedback.customerId(), feedback);
	}

}
