package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.SlaBreached;
import io.feedbackloop.contracts.SlaEscalated;
import io.feedbackloop.contracts.SlaMet;
import io.feedbackloop.contracts.SlaWarning;

/**
 * The {@code complaint.sla.*.v1} events of a timer. Their ids are derived from case, timer, cycle and
 * step, so a step published again after a crash carries the same {@code ce_id} and every consumer
 * (IdempotentConsumer) drops the repeat.
 */
final class SlaEvents {

	static final String SOURCE = "/complaint-router";

	private SlaEvents() {
	}

	static String eventId(CaseTimer timer, int cycle, String stepKey) {
		return EventCodec.derivedId("complaint.sla", timer.facts().caseId().value(), timer.kind().wireName(),
				Integer.toString(cycle), stepKey);
	}

	/** The event of a fired step. */
	static Event<?> of(CaseTimer timer, CaseTimer.PlannedStep planned, Instant firedAt) {
		CaseTimer.Facts f = timer.facts();
		Step step = planned.step();
		int cycle = timer.run().cycle();
		String id = eventId(timer, cycle, step.key());
		String subject = f.caseId().value();
		long lateness = Math.max(0, Duration.between(planned.scheduledAt(), firedAt).toMillis());
		Instant dueAt = (timer.dueAt() != null) ? timer.dueAt() : planned.scheduledAt();
		return switch (step.type()) {
			case WARNING -> EventCodec.event(EventTypes.SLA_WARNING, id, SOURCE, firedAt, subject, f.customerId(),
					new SlaWarning(f.caseId(), f.customerId(), f.department(), f.category(), f.severity(),
							f.customerTier(), timer.kind(), timer.setup().policyId(), cycle, step.fraction(), dueAt,
							planned.scheduledAt(), firedAt, lateness));
			case BREACH -> EventCodec.event(EventTypes.SLA_BREACHED, id, SOURCE, firedAt, subject, f.customerId(),
					new SlaBreached(f.caseId(), f.customerId(), f.department(), f.category(), f.severity(),
							f.customerTier(), timer.kind(), timer.setup().policyId(), cycle, planned.scheduledAt(),
							firedAt, lateness));
			case ESCALATION -> EventCodec.event(EventTypes.SLA_ESCALATED, id, SOURCE, firedAt, subject,
					f.customerId(),
					new SlaEscalated(f.caseId(), f.customerId(), f.department(), f.category(), f.severity(),
							f.customerTier(), timer.kind(), timer.setup().policyId(), cycle, step.level(),
							(step.escalateTo() != null) ? step.escalateTo() : "unknown", dueAt, planned.scheduledAt(),
							firedAt, lateness));
		};
	}

	/** The met event of a timer stopped within its target. */
	static Event<SlaMet> met(CaseTimer stopped) {
		CaseTimer.Facts f = stopped.facts();
		CaseTimer.Run run = stopped.run();
		Instant metAt = run.stoppedAt();
		if (metAt == null || stopped.dueAt() == null) {
			throw new IllegalArgumentException("timer " + stopped.id() + " is not stopped with a due instant");
		}
		return EventCodec.event(EventTypes.SLA_MET, eventId(stopped, run.cycle(), "met"), SOURCE, metAt,
				f.caseId().value(), f.customerId(),
				new SlaMet(f.caseId(), f.customerId(), f.department(), f.category(), f.severity(), f.customerTier(),
						stopped.kind(), stopped.setup().policyId(), run.cycle(), stopped.dueAt(), metAt));
	}

}
