package io.feedbackloop.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.notification.channel.ChannelSender;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.PermanentDeliveryException;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.channel.TemporaryDeliveryException;
import io.feedbackloop.notification.templates.RenderedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Sends a message at most once per (event, recipient, template) as far as this service can tell:
 * record it as pending under its derived id, send it, record the outcome. Redelivered events find
 * the record and stop if it is final; a pending one (a temporary failure, or a crash between send
 * and record) is sent again, with the delivery id as the provider's dedupe reference.
 */
@Service
public class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final DeliveryLog deliveries;

	private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);

	private final DeliveryMetrics metrics;

	private final Clock clock;

	Deliveries(DeliveryLog deliveries, List<ChannelSender> senders, DeliveryMetrics metrics, Clock clock) {
		this.deliveries = deliveries;
		senders.forEach((sender) -> this.senders.put(sender.type(), sender));
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Sends the message unless its delivery is already final.
	 * @return the delivery as recorded afterwards
	 * @throws TemporaryDeliveryException when the provider was unavailable; the delivery stays pending
	 * with the attempt counted, and the event should be retried
	 */
	public Delivery deliver(DeliveryRequest request, Recipient recipient, RenderedMessage message) {
		ChannelSender sender = this.senders.get(recipient.channel());
		if (sender == null) {
			throw new IllegalStateException("No sender for channel " + recipient.channel().wireName());
		}
		String id = EventCodec.derivedId(request.eventId(), recipient.address(), request.template());
		Delivery delivery = this.deliveries
			.insertIfAbsent(new Delivery(id, request.eventId(), request.caseId(), request.customerId(),
					request.template(), recipient.channel(), recipient.address(), message.language(),
					DeliveryStatus.PENDING, 0, null, null, now(), null))
			.delivery();
		if (delivery.status().isFinal()) {
			log.debug("Delivery {} of {} for case {} is already {}", id, request.template(), request.caseId(),
					delivery.status().wireName());
			return delivery;
		}
		try {
			String providerMessageId = sender.send(new OutgoingMessage(id, recipient.address(), message.subject(),
					message.text(), message.html()));
			Instant sentAt = now();
			this.deliveries.markSent(id, providerMessageId, sentAt);
			this.metrics.sent(recipient.channel(), request.template(), Duration.between(request.since(), sentAt));
			log.info("Sent {} for case {} to {} ({}, attempt {})", request.template(), request.caseId(), recipient,
					providerMessageId, delivery.attempts() + 1);
		}
		catch (PermanentDeliveryException ex) {
			this.deliveries.markFailed(id, ex.reason());
			this.metrics.failed(recipient.channel(), request.template(), ex.kind());
			log.warn("Could not send {} for case {} to {}: {}", request.template(), request.caseId(), recipient,
					ex.reason());
		}
		catch (TemporaryDeliveryException ex) {
			this.deliveries.recordAttemptFailed(id, ex.getMessage());
			this.metrics.failed(recipient.channel(), request.template(), DeliveryMetrics.UNAVAILABLE);
			log.warn("Sending {} for case {} to {} failed for now, will retry: {}", request.template(),
					request.caseId(), recipient, ex.getMessage());
			throw ex;
		}
		return this.deliveries.find(id).orElseThrow();
	}

	/** Records that nothing could be sent, for the analysts and the customer's history. */
	public Delivery skip(DeliveryRequest request, String reason) {
		String id = EventCodec.derivedId(request.eventId(), "", request.template());
		DeliveryLog.Recorded recorded = this.deliveries.insertIfAbsent(new Delivery(id, request.eventId(),
				request.caseId(), request.customerId(), request.template(), null, null, request.language(),
				DeliveryStatus.SKIPPED, 0, null, reason, now(), null));
		if (recorded.created()) {
			this.metrics.skipped(request.template(), reason.replace(' ', '-'));
			log.info("Skipped {} for case {}: {}", request.template(), request.caseId(), reason);
		}
		return recorded.delivery();
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
