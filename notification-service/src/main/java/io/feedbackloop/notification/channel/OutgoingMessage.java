package io.feedbackloop.notification.channel;

import org.jspecify.annotations.Nullable;

/**
 * One message to send.
 *
 * @param deliveryId the delivery it belongs to; passed to the provider so that it can drop a repeat
 * @param recipient the phone number or e-mail address
 * @param subject the e-mail subject (not used by SMS)
 * @param text the plain text: the whole SMS, the text part of an e-mail
 * @param html the HTML part of an e-mail, if any
 */
public record OutgoingMessage(String deliveryId, String recipient, String subject, String text,
		@Nullable String html) {

}
