package io.feedbackloop.notification.acknowledgement;

import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.platform.EventMessages;
import io.feedbackloop.platform.IdempotentConsumer;

import org.springframework.messaging.Message;

/**
 * Consumes {@code complaint.cases}: acknowledges each {@code complaint.routed.v1} once; other event
 * types of the topic are not for us. A malformed event throws and goes to the dead-letter topic; a
 * temporary delivery failure throws and the binder retries the event.
 */
class CaseEvents {

	static final String CONSUMER = "notification-service.acknowledgement";

	private final IdempotentConsumer idempotent;

	private final Acknowledgements acknowledgements;

	CaseEvents(IdempotentConsumer idempotent, Acknowledgements acknowledgements) {
		this.idempotent = idempotent;
		this.acknowledgements = acknowledgements;
	}

	void accept(Message<byte[]> message) {
		EventMessages.read(message)
			.ifPresent((event) -> event.dataAs(EventTypes.COMPLAINT_ROUTED)
				.ifPresent((routed) -> this.idempotent.handleOnce(CONSUMER, event,
						(e) -> this.acknowledgements.acknowledge(e.envelope().id(), routed))));
	}

}
