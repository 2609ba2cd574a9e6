package io.feedbackloop.router.cases;

import java.time.Instant;
import java.util.Map;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.platform.security.Actor;
import org.jspecify.annotations.Nullable;

/**
 * The events complaint-router publishes about cases, each with an id derived from what it announces
 * (the case and its version, the routing decision's number, the feedback), so that publishing one
 * again after a crash gives the same id.
 */
public final class CaseEvents {

	public static final String SOURCE = "/complaint-router";

	private CaseEvents() {
	}

	public static Event<FeedbackClassified> classified(FeedbackClassified classified) {
		return EventCodec.event(EventTypes.FEEDBACK_CLASSIFIED,
				EventCodec.derivedId(EventTypes.FEEDBACK_CLASSIFIED.name(), classified.feedbackId().value()), SOURCE,
				classified.classifiedAt(), classified.feedbackId().value(), classified.customerId(), classified);
	}

	/**
	 * {@code complaint.routed.v1} for the case's routing decision number {@code routings} (1 when it
	 * was opened, one more for each re-route). The first keeps the id it always had, derived from the
	 * case alone; a re-route gets a new id, derived from the decision's number.
	 */
	public static Event<ComplaintRouted> routed(ComplaintCase c, int routings, Instant routedAt) {
		ComplaintRouted routed = new ComplaintRouted(c.caseId(), c.feedbackId(), c.customerId(), c.channel(),
				c.contact(), c.language(), c.classification().category(), c.department(), c.receivedAt(),
				c.firstResponseDueAt(), routedAt, c.severity(), c.tier());
		String id = (routings == 1) ? EventCodec.derivedId(EventTypes.COMPLAINT_ROUTED.name(), c.caseId().value())
				: EventCodec.derivedId(EventTypes.COMPLAINT_ROUTED.name(), c.caseId().value(), "routing",
						String.valueOf(routings));
		return EventCodec.event(EventTypes.COMPLAINT_ROUTED, id, SOURCE, routedAt, c.caseId().value(), c.customerId(),
				routed);
	}

	static Event<ComplaintStatusChanged> statusChanged(ComplaintCase before, CaseStatus to, Actor actor,
			@Nullable String note, Map<String, String> details, long version, Instant at) {
		ComplaintStatusChanged changed = new ComplaintStatusChanged(before.caseId(), before.customerId(),
				before.status(), to, actor.id(), actor.role(), note, details.isEmpty() ? null : details, version, at);
		return EventCodec.event(EventTypes.COMPLAINT_STATUS_CHANGED,
				EventCodec.derivedId(EventTypes.COMPLAINT_STATUS_CHANGED.name(), before.caseId().value(),
						String.valueOf(version)),
				SOURCE, at, before.caseId().value(), before.customerId(), changed);
	}

	/**
	 * {@code complaint.reclassified.v1}: a person's correction of the case {@code before} to
	 * {@code after} (classification and severity), the case then at {@code version}; the id is derived
	 * from the case and that version, so the same correction published again has the same id.
	 */
	public static Event<ComplaintReclassified> reclassified(ComplaintCase before, ComplaintCase after, Actor actor,
			@Nullable String note, long version, Instant at) {
		ComplaintReclassified reclassified = new ComplaintReclassified(before.caseId(), before.feedbackId(),
				before.customerId(), before.classification().kind(), before.classification().category(),
				after.classification().kind(), after.classification().category(), before.severity(), after.severity(),
				actor.id(), actor.role(), note, version, at);
		return EventCodec.event(EventTypes.COMPLAINT_RECLASSIFIED,
				EventCodec.derivedId(EventTypes.COMPLAINT_RECLASSIFIED.name(), before.caseId().value(),
						String.valueOf(version)),
				SOURCE, at, before.caseId().value(), before.customerId(), reclassified);
	}

	/** @param status the case's status once answered */
	static Event<ComplaintResponded> responded(ComplaintCase before, CaseStatus status, Actor actor, String medium,
			long version, Instant at) {
		ComplaintResponded responded = new ComplaintResponded(before.caseId(), before.customerId(), actor.id(), medium,
				before.firstRespondedAt() == null, at, status);
		return EventCodec.event(EventTypes.COMPLAINT_RESPONDED,
				EventCodec.derivedId(EventTypes.COMPLAINT_RESPONDED.name(), before.caseId().value(),
						String.valueOf(version)),
				SOURCE, at, before.caseId().value(), before.customerId(), responded);
	}

	public static Event<RepeatContactRecorded> repeatContact(RepeatContactRecorded recorded) {
		return EventCodec.event(EventTypes.COMPLAINT_REPEAT_CONTACT,
				EventCodec.derivedId(EventTypes.COMPLAINT_REPEAT_CONTACT.name(), recorded.caseId().value(),
						recorded.feedbackId().value()),
				SOURCE, recorded.linkedAt(), recorded.caseId().value(), recorded.customerId(), recorded);
	}

}
