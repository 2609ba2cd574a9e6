package io.feedbackloop.notification.events;

import java.time.Instant;
import java.util.function.Consumer;

import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.notification.acknowledgement.Acknowledgements;
import io.feedbackloop.notification.cases.CaseDirectory;
import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.customer.CustomerNotices;
import io.feedbackloop.notification.staff.StaffNoticeType;
import io.feedbackloop.notification.staff.StaffNotices;
import org.jspecify.annotations.Nullable;
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
		event.dataAs(EventTypes.COMPLAINT_REPEAT_CONTACT).ifPresent((repeat) -> once(event, (id) -> repeated(id, repeat)));
		event.dataAs(EventTypes.SLA_WARNING)
			.ifPresent((sla) -> once(event, (id) -> staffNotice(id, StaffNoticeType.SLA_WARNING, sla.caseId().value(),
					event.envelope().type(), null, null, sla.dueAt(), sla.firedAt())));
		event.dataAs(EventTypes.SLA_BREACHED)
			.ifPresent((sla) -> once(event, (id) -> staffNotice(id, StaffNoticeType.SLA_BREACHED, sla.caseId().value(),
					event.envelope().type(), null, sla.timer(), sla.dueAt(), sla.firedAt())));
		event.dataAs(EventTypes.SLA_ESCALATED)
			.ifPresent((sla) -> once(event, (id) -> staffNotice(id, StaffNoticeType.ESCALATED, sla.caseId().value(),
					event.envelope().type(), sla.level(), null, sla.dueAt(), sla.firedAt())));
	}

	private void routed(String eventId, ComplaintRouted routed) {
		KnownCase known = KnownCase.of(routed);
		this.cases.remember(known);
		// Once per case, not per routed event: a case re-routed to another department publishes
		// complaint.routed.v1 again, and the customer was acknowledged the first time. Keying the
		// delivery by case (rather than checking whether the case is known) stays right when a crash
		// comes between remembering the case and queueing the message.
		this.acknowledgements.acknowledge(EventCodec.derivedId(routed.caseId().value(), "acknowledgement"), routed);
		this.staff.notify(eventId, StaffNoticeType.ASSIGNED, known, null, null, routed.firstResponseDueAt(),
				routed.routedAt());
	}

	private void staffNotice(String eventId, StaffNoticeType type, String caseId, String eventType,
			@Nullable Integer level, @Nullable SlaTimerKind timer, Instant dueAt, Instant since) {
		this.staff.notify(eventId, type, this.cases.get(caseId, eventType), level, timer, dueAt, since);
	}

	private void statusChanged(String eventId, ComplaintStatusChanged changed) {
		KnownCase known = this.cases.get(changed.caseId().value(), EventTypes.COMPLAINT_STATUS_CHANGED.name());
		this.customer.onStatusChanged(eventId, changed, known);
	}

	private void responded(String eventId, ComplaintResponded responded) {
		KnownCase known = this.cases.get(responded.caseId().value(), EventTypes.COMPLAINT_RESPONDED.name());
		this.customer.onResponded(eventId, responded, known);
	}

	private void repeated(String eventId, RepeatContactRecorded repeat) {
		KnownCase known = this.cases.get(repeat.caseId().value(), EventTypes.COMPLAINT_REPEAT_CONTACT.name());
		this.customer.onRepeatContact(eventId, repeat, known);
	}

	private void once(Event<?> event, Consumer<String> handler) {
		this.idempotent.handleOnce(CONSUMER, event, (e) -> handler.accept(e.envelope().id()));
	}

}
