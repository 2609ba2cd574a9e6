package io.feedbackloop.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.RepeatContactRecorded;
import org.jspecify.annotations.Nullable;

/**
 * Test data: complaint events as complaint-router publishes them, each complaint for a fresh
 * customer with its own phone number and e-mail address, received 2026-11-22 16:30 in Shanghai with
 * the reply promised 24 hours later, routed to network-operations (no staff contacts) unless a
 * department is given.
 */
public final class Complaints {

	public static final Instant RECEIVED_AT = Instant.parse("2026-11-22T08:30:00Z");

	public static final Duration PROMISE = Duration.ofHours(24);

	private Complaints() {
	}

	public static ComplaintRouted routed(Channel channel, String language, Contact contact) {
		return routed(channel, language, contact, "network-operations");
	}

	public static ComplaintRouted routed(Channel channel, String language, Contact contact, String department) {
		return forCustomer(new CustomerId("cust-" + UUID.randomUUID()), channel, language, contact, department);
	}

	/** Another complaint of the same customer, reaching us the same way. */
	public static ComplaintRouted another(ComplaintRouted earlier) {
		return forCustomer(earlier.customerId(), earlier.channel(), earlier.language(), earlier.contact(),
				earlier.department());
	}

	public static ComplaintRouted forCustomer(CustomerId customer, Channel channel, String language, Contact contact) {
		return forCustomer(customer, channel, language, contact, "network-operations");
	}

	private static ComplaintRouted forCustomer(CustomerId customer, Channel channel, String language, Contact contact,
			String department) {
		String reference = "C261122-"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
		return new ComplaintRouted(new CaseId(reference), new FeedbackId("fb-" + UUID.randomUUID()), customer, channel,
				contact, language, "network", department, RECEIVED_AT, RECEIVED_AT.plus(PROMISE),
				RECEIVED_AT.plusSeconds(2));
	}

	/** The event as complaint-router publishes it: the id derived from the case. */
	public static Event<ComplaintRouted> event(ComplaintRouted complaint) {
		return EventCodec.event(EventTypes.COMPLAINT_ROUTED,
				EventCodec.derivedId(EventTypes.COMPLAINT_ROUTED.name(), complaint.caseId().value()),
				"/complaint-router", complaint.routedAt(), complaint.caseId().value(), complaint.customerId(),
				complaint);
	}

	/** A status change of the case, the event id derived from the case and the version. */
	public static Event<ComplaintStatusChanged> statusChanged(ComplaintRouted complaint, CaseStatus from,
			CaseStatus to, long version, @Nullable String note, Instant at) {
		return statusChanged(complaint, from, to, version, note, at, "agent-0042", "agent", null);
	}

	/** A change made by someone else, or by the service ({@code system}), with its details. */
	public static Event<ComplaintStatusChanged> statusChanged(ComplaintRouted complaint, CaseStatus from,
			CaseStatus to, long version, @Nullable String note, Instant at, String actorId, String actorRole,
			@Nullable Map<String, String> details) {
		ComplaintStatusChanged changed = new ComplaintStatusChanged(complaint.caseId(), complaint.customerId(), from,
				to, actorId, actorRole, note, details, version, at);
		return EventCodec.event(EventTypes.COMPLAINT_STATUS_CHANGED,
				EventCodec.derivedId(EventTypes.COMPLAINT_STATUS_CHANGED.name(), complaint.caseId().value(),
						String.valueOf(version)),
				"/complaint-router", at, complaint.caseId().value(), complaint.customerId(), changed);
	}

	/** The customer wrote again about the case's matter, and complaint-router linked it to the case. */
	public static Event<RepeatContactRecorded> repeatContact(ComplaintRouted complaint, Channel channel, int repeats,
			Instant at) {
		RepeatContactRecorded repeat = new RepeatContactRecorded(complaint.caseId(), complaint.customerId(),
				new FeedbackId("fb-" + UUID.randomUUID()), channel, complaint.category(), "category", repeats, at,
				1 + repeats, at, null, null);
		return EventCodec.event(EventTypes.COMPLAINT_REPEAT_CONTACT,
				EventCodec.derivedId(EventTypes.COMPLAINT_REPEAT_CONTACT.name(), complaint.caseId().value(),
						String.valueOf(repeats)),
				"/complaint-router", at, complaint.caseId().value(), complaint.customerId(), repeat);
	}

	/** An agent answered the customer while the case is being investigated. */
	public static Event<ComplaintResponded> responded(ComplaintRouted complaint, String medium, Instant at) {
		ComplaintResponded responded = new ComplaintResponded(complaint.caseId(), complaint.customerId(), "agent-0042",
				medium, true, at, CaseStatus.INVESTIGATING);
		return EventCodec.event(EventTypes.COMPLAINT_RESPONDED,
				EventCodec.derivedId(EventTypes.COMPLAINT_RESPONDED.name(), complaint.caseId().value(), at.toString()),
				"/complaint-router", at, complaint.caseId().value(), complaint.customerId(), responded);
	}

	/** A mobile number no other test uses. */
	public static String phone() {
		return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	public static String email() {
		return "c-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
	}

}
