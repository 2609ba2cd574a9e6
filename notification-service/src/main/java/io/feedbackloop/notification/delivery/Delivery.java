package io.feedbackloop.notification.delivery;

import java.time.Instant;

import io.feedbackloop.notification.channel.ChannelType;
import org.jspecify.annotations.Nullable;

/**
 * One message to one customer, as stored in {@code deliveries} and returned by the API.
 *
 * @param id derived from event id, recipient and template: one delivery per (event, recipient,
 * template), whatever redelivery happens
 * @param eventId the event that asked for it
 * @param caseId the complaint case, the customer's reference number
 * @param customerId the customer
 * @param template the template, such as {@code acknowledgement}
 * @param channel {@code sms} or {@code email}; absent when skipped for want of a contact
 * @param recipient the phone number or e-mail address; absent when skipped
 * @param language the language it was written in
 * @param status pending, sent, failed or skipped
 * @param attempts how many times it was handed to the provider
 * @param providerMessageId the provider's id once sent (SMS gateway message id, e-mail Message-ID)
 * @param reason why it failed or was skipped, or the last temporary failure while pending
 * @param createdAt when it was first recorded
 * @param sentAt when the provider accepted it
 */
public record Delivery(String id, String eventId, String caseId, String customerId, String template,
		@Nullable ChannelType channel, @Nullable String recipient, String language, DeliveryStatus status, int attempts,
		@Nullable String providerMessageId, @Nullable String reason, Instant createdAt, @Nullable Instant sentAt) {

}
