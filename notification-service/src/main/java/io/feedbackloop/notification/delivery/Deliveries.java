package io.feedbackloop.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.templates.RenderedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Where features hand over their messages: one delivery per (event, recipient, template), recorded
 * as pending in the delivery log and queued in the outbox, both under the id derived from the three,
 * so that a redelivered event changes nothing. Sending is the drainer's job: a consumer never waits
 * for a provider, and a provider's outage never sends an event to the dead-letter topic.
 */
@Service
public class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final DeliveryLog deliveries;

	private final Outbox outbox;

	private final OutboxDrainer drainer;

	private final DeliveryMetrics metrics;

	private final DeliveryTracing tracing;

	private final Clock clock;

	Deliveries(DeliveryLog deliveries, Outbox outbox, OutboxDrainer drainer, DeliveryMetrics metrics,
			DeliveryTracing tracing, Clock clock) {
		this.deliveries = deliveries;
		this.outbox = outbox;
		this.drainer = drainer;
		this.metrics = metrics;
		this.tracing = tracing;
		this.clock = clock;
	}

	/** {@link #enqueue(DeliveryRequest, Recipient, RenderedMessage, Map)} without structured data. */
	public Delivery enqueue(DeliveryRequest request, Recipient recipient, RenderedMessage message) {
		return enqueue(request, recipient, message, Map.of());
	}

	/**
	 * Queues the message unless its delivery is already final.
	 * @param data structured facts for machine recipients (webhooks, feedback-ingest)
	 * @return the delivery as recorded
	 */
	public Delivery enqueue(DeliveryRequest request, Recipient recipient, RenderedMessage message,
			Map<String, String> data) {
		String id = EventCodec.derivedId(request.eventId(), recipient.address(), request.template());
		Instant now = now();
		Delivery delivery = this.deliveries
			.insertIfAbsent(new Delivery(id, request.eventId(), request.caseId(), request.customerId(),
					request.audience(), request.template(), recipient.channel(), recipient.address(),
					message.language(), DeliveryStatus.PENDING, 0, null, null, now, now, null, null))
			.delivery();
		if (delivery.status().isFinal()) {
			log.debug("Delivery {} of {} for case {} is already {}", id, request.template(), request.caseId(),
					delivery.status().wireName());
			return delivery;
		}
		// Also when the delivery existed: a crash may have come between the two writes.
		this.outbox.insertIfAbsent(new OutboxEntry(id, request.caseId(), request.customerId(), request.audience(),
				request.template(), recipient, message.subject(), message.text(), message.html(), data,
				request.zone(), request.since(), now, now, 0, this.tracing.currentTraceParent()));
		this.drainer.wake();
		return delivery;
	}

	/** Records that nothing could be sent, for the analysts and the customer's history. */
	public Delivery skip(DeliveryRequest request, String reason) {
		String id = EventCodec.derivedId(request.eventId(), "", request.template());
		DeliveryLog.Recorded recorded = this.deliveries.insertIfAbsent(new Delivery(id, request.eventId(),
				request.caseId(), request.customerId(), request.audience(), request.template(), null, null,
				request.language(), DeliveryStatus.SKIPPED, 0, null, reason, now(), null, null, null));
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
