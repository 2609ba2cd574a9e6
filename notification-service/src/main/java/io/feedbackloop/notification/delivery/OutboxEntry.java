package io.feedbackloop.notification.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.Recipient;
import org.jspecify.annotations.Nullable;

/**
 * A message waiting in the {@code outbox} to be handed to its provider: rendered once, when its
 * event was consumed, so that a later send says exactly what the first attempt would have said.
 *
 * @param id the delivery id
 * @param caseId the case
 * @param customerId the customer; messages of one customer are sent in order
 * @param audience customer, staff or system
 * @param template the template it was rendered from
 * @param recipient channel and address
 * @param subject the e-mail subject
 * @param text the plain text
 * @param html the e-mail HTML part, if any
 * @param data structured facts for machine recipients
 * @param zone the customer's time zone (pacing); absent for staff and systems
 * @param since when the need for the message arose (delivery latency)
 * @param createdAt when it was queued; a message still undelivered long after is given up
 * @param nextAttemptAt when it is due
 * @param failures temporary failures so far, for the back-off
 * @param traceParent the W3C trace context of the event that queued it; send attempts continue that trace
 */
record OutboxEntry(String id, String caseId, String customerId, Audience audience, String template,
		Recipient recipient, String subject, String text, @Nullable String html, Map<String, String> data,
		@Nullable ZoneId zone, Instant since, Instant createdAt, Instant nextAttemptAt, int failures,
		@Nullable String traceParent) {

	OutboxEntry {
		data = Map.copyOf(data);
	}

	OutgoingMessage message() {
		return new OutgoingMessage(this.id, this.template, this.recipient.address(), this.subject, this.text,
				this.html, this.data);
	}

}
