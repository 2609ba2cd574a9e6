package io.feedbackloop.notification.delivery;

import java.time.Instant;

import io.feedbackloop.notification.channel.ChannelType;
import org.jspecify.annotations.Nullable;

/**
 * One message to one recipient, as stored in {@code deliveries} and returned by the API.
 *
 * @param id derived from event id, recipient and template: one delivery per (event, recipient,
 * template), whatever redelivery happens
 * @param eventId the event that asked for it (for a survey answer: the survey)
 * @param caseId the complaint case, the customer's reference number
 * @param customerId the customer
 * @param audience customer, staff or system
 * @param template the template, such as {@code acknowledgement}
 * @param channel {@code sms}, {@code email}, {@code webhook} or {@code ingest}; absent when skipped
 * for want of a contact
 * @param recipient the phone number, e-mail address or URL; absent when skipped
 * @param language the language it was written in
 * @param status pending, deferred, sent, failed or skipped
 * @param attempts how many times it was handed to the provider (quick retries included)
 * @param providerMessageId the provider's id once sent (SMS gateway message id, e-mail Message-ID,
 * feedback id)
 * @param reason why it failed, was skipped or deferred, or the last temporary failure while pending
 * @param createdAt when it was first recorded
 * @param scheduledFor while pending or deferred: when the next attempt is due
 * @param lastAttemptAt when it was last handed to the provider
 * @param sentAt when the provider accepted it
 */
public record Delivery(String id, String eventId, String caseId, String customerId, Audience audience,
		String template, @Nullable ChannelType channel, @Nullable String recipient, String language,
		DeliveryStatus status, int attempts, @Nullable String providerMessageId, @Nullable String reason,
		Instant createdAt, @Nullable Instant scheduledFor, @Nullable Instant lastAttemptAt, @Nullable Instant sentAt) {

}
