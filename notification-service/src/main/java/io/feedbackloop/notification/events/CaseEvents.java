package io.feedbackloop.notification.events;

import java.util.function.Consumer;

import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.notification.acknowledgement.Acknowledgements;
import io.feedbackloop.notification.cases.CaseDirectory;
import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.customer.CustomerNotices;
import io.feedbackloop.notification.staff.StaffNoticeType;
import io.feedbackloop.notification.staff.StaffNotices;
import io.feedbackloop.platform.EventMessages;
import io.feedbackloop.platform.IdempotentConsumer;

import org.springframework.messaging.Message;

/**
 * Consumes {@code complaint.cases} and turns each event, once, into messages queued in the outbox:
 * a routed complaint is remembered, acknowledged to the customer and announced to the department; a
 * status change may send a progress notice or the closing confirmation; an agent's response a
 * call-back note. Handling only queues — it never waits for a provider — so an outage cannot hold
 * the consumer up. A malformed event, or one about a case never routed here, is not retried and goes
 * to the dead-letter topic with the reason. Other event types of the topic are not for us.
 */
class CaseEvents {

	static final String CONSUMER = "notification-service.case-events";

	private final IdempotentConsumer idempotent;

	private final CaseDirectory cases;

	private final Acknowledgements acknowledgements;

	private final CustomerNotices customer;

	private final StaffNotices staff;

	CaseEvents(IdempotentConsumer idempotent, CaseDirectory cases, Acknowledgements acknowledgements,
			CustomerNotices customer, StaffNotices staff) {
		this.idempotent = idempotent;
		this.cases = cases;
		this.acknowledgements = acknowledgements;
		this.customer = customer;
		this.staff = staff;
	}

	void accept(Message<byte[]> message) {
		EventMessages.read(message).ifPresent(this::dispatch);
	}

	private void dispatch(Event<?> event) {
		event.dataAs(EventTypes.COMPLAINT_ROUTED).ifPresent((routed) -> once(event, (id) -> routed(id, routed)));
		event.dataAs(EventTypes.COMPLAINT_STATUS_CHANGED)
			.filter(this.customer::notifies)
			.ifPresent((changed) -> once(event, (id) -> statusChanged(id, changed)));
		event.dataAs(EventTypes.COMPLAINT_RESPONDED).ifPresent((responded) -> once(event, (id) -> responded(id, responded)));
		// SLA HOOK (issue 5, complaint.sla.*.v1 not in contracts yet): one line per type, e.g.
		// event.dataAs(EventTypes.COMPLAINT_SLA_BREACHED).ifPresent((sla) -> once(event, (id) -> this.staff.notify(id, StaffNoticeType.SLA_BREACHED, this.cases.get(sla.caseId().value(), event.envelope().type()), null, sla.dueAt(), sla.breachedAt())));
	}

	private void routed(String eventId, ComplaintRouted routed) {
		KnownCase known = KnownCase.of(routed);
		this.cases.remember(known);
		this.acknowledgements.acknowledge(eventId, routed);
		this.staff.notify(eventId, StaffNoticeType.ASSIGNED, known, null, routed.firstResponseDueAt(),
				routed.routedAt());
	}

	private void statusChanged(String eventId, ComplaintStatusChanged changed) {
		KnownCase known = this.cases.get(changed.caseId().value(), EventTypes.COMPLAINT_STATUS_CHANGED.name());
		this.customer.onStatusChanged(eventId, changed, known);
	}

	private void responded(String eventId, ComplaintResponded responded) {
		KnownCase known = this.cases.get(responded.caseId().value(), EventTypes.COMPLAINT_RESPONDED.name());
		this.customer.onResponded(eventId, responded, known);
	}

	private void once(Event<?> event, Consumer<String> handler) {
		this.idempotent.handleOnce(CONSUMER, event, (e) -> handler.accept(e.envelope().id()));
	}

}
