package io.feedbackloop.notification.channel;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One message to send.
 *
 * @param deliveryId the delivery it belongs to; passed to the provider so that it can drop a repeat
 * @param template the template it was written from, such as {@code acknowledgement}
 * @param recipient the phone number, e-mail address or URL
 * @param subject the e-mail subject (not used by SMS)
 * @param text the plain text: the whole SMS, the text part of an e-mail
 * @param html the HTML part of an e-mail, if any
 * @param data structured facts for machine recipients (a webhook's JSON, the feedback posted to
 * feedback-ingest), such as {@code caseId} and {@code department}
 */
public record OutgoingMessage(String deliveryId, String template, String recipient, String subject, String text,
		@Nullable String html, Map<String, String> data) {

	public OutgoingMessage {
		data = Map.copyOf(data);
	}

}
