package io.feedbackloop.ingest.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.ingest.status.FeedbackStatusStore;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.PublishFailedException;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Turns a valid submission into a {@code feedback.received.v1} event that Kafka acknowledged. */
@Service
class IntakeService {

	private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

	private final EventPublisher publisher;

	private final FeedbackStatusStore statuses;

	private final IntakeMetrics metrics;

	private final Clock clock;

	private final String source;

	IntakeService(EventPublisher publisher, FeedbackStatusStore statuses, IntakeMetrics metrics, Clock clock,
			@Value("${spring.application.name}") String serviceName) {
		this.publisher = publisher;
		this.statuses = statuses;
		this.metrics = metrics;
		this.clock = clock;
		this.source = "/" + serviceName;
	}

	/**
	 * Publishes the feedback and waits for Kafka's acknowledgement.
	 * @throws PublishFailedException when Kafka did not acknowledge: nothing may be promised
	 */
	AcceptedFeedback accept(ValidFeedback feedback) {
		// Millisecond precision: what MongoDB stores, so that every copy of receivedAt reads the same.
		Instant receivedAt = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		FeedbackId id = new FeedbackId("fb-" + UUID.randomUUID());
		FeedbackReceived received = new FeedbackReceived(id, feedback.channel(), feedback.channelRecordId(),
				feedback.customerId(), feedback.contact(), feedback.occurredAt(), receivedAt, feedback.text(),
				feedback.language());
		Event<FeedbackReceived> event = EventCodec.event(EventTypes.FEEDBACK_RECEIVED,
				EventCodec.derivedId(EventTypes.FEEDBACK_RECEIVED.name(), id.value()), this.source, receivedAt,
				id.value(), feedback.customerId(), received);

		Timer.Sample sample = this.metrics.startPublish();
		try {
			this.publisher.publishAndWait(event);
		}
		catch (PublishFailedException ex) {
			this.metrics.brokerFailed(sample);
			log.warn("Feedback from channel {} not accepted, Kafka did not acknowledge: {}",
					feedback.channel().wireName(), ex.getMessage());
			throw ex;
		}
		this.metrics.acked(sample);
		this.metrics.accepted(feedback.channel());
		recordStatus(received);
		return new AcceptedFeedback(id.value(), "accepted", receivedAt);
	}

	private void recordStatus(FeedbackReceived received) {
		try {
			this.statuses.recordAccepted(received);
		}
		catch (RuntimeException ex) {
			// The record is safe in Kafka and the caller must hear so: a missing status document only
			// means GET answers 404 until the classification event creates it.
			this.metrics.statusWriteFailed();
			log.warn("Status of feedback {} not recorded: {}", received.feedbackId(), ex.toString());
		}
	}

}
