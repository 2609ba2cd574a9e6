package io.feedbackloop.ingest.status;

import java.util.Optional;

import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventFormatException;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.platform.EventMessages;
import io.feedbackloop.platform.IdempotentConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Applies {@code feedback.classified.v1} and a person's correction of it ({@code complaint.reclassified.v1})
 * from {@code complaint.cases} to the status documents and ignores every other type on that topic. An
 * event of those types that cannot be read is thrown back as
 * {@link EventFormatException}: the binding does not retry it and sends it to
 * {@code feedback-ingest.dlq}.
 */
@Component
class CaseEventsHandler {

	static final String CONSUMER = "feedback-ingest.status";

	static final String EVENTS = "feedbackloop.ingest.case.events";

	private static final Logger log = LoggerFactory.getLogger(CaseEventsHandler.class);

	private final IdempotentConsumer idempotent;

	private final FeedbackStatusStore statuses;

	private final MeterRegistry meters;

	CaseEventsHandler(IdempotentConsumer idempotent, FeedbackStatusStore statuses, MeterRegistry meters) {
		this.idempotent = idempotent;
		this.statuses = statuses;
		this.meters = meters;
	}

	void handle(Message<byte[]> message) {
		Optional<FeedbackClassified> classified;
		Optional<ComplaintReclassified> reclassified;
		Event<?> event;
		try {
			Optional<Event<?>> read = EventMessages.read(message);
			if (read.isEmpty()) {
				count("ignored");
				return;
			}
			event = read.get();
			classified = event.dataAs(EventTypes.FEEDBACK_CLASSIFIED);
			reclassified = event.dataAs(EventTypes.COMPLAINT_RECLASSIFIED);
		}
		catch (EventFormatException ex) {
			count("malformed");
			log.warn("Unreadable event on complaint.cases, dead-lettered: {}", ex.getMessage());
			throw ex;
		}
		if (classified.isEmpty() && reclassified.isEmpty()) {
			count("ignored");
			return;
		}
		boolean applied = this.idempotent.handleOnce(CONSUMER, event, (ignored) -> {
			classified.ifPresent(this.statuses::recordClassified);
			reclassified.ifPresent(this.statuses::recordReclassified);
		});
		count(applied ? "applied" : "duplicate");
	}

	private void count(String outcome) {
		this.meters.counter(EVENTS, "outcome", outcome).increment();
	}

}
