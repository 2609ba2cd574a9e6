package io.feedbackloop.churn;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.SlaBreached;
import io.feedbackloop.contracts.SlaMet;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import org.jspecify.annotations.Nullable;

/**
 * Test data: a customer's events as feedback-ingest and complaint-router publish them, with their
 * event ids derived the same way, each customer and piece of feedback with fresh ids.
 */
public final class CustomerEvents {

	public static final Instant RECEIVED_AT = Instant.parse("2026-11-22T08:30:00.123Z");

	private CustomerEvents() {
	}

	public static CustomerId newCustomer() {
		return new CustomerId("cust-" + UUID.randomUUID());
	}

	public static FeedbackReceived feedback(CustomerId customer, Channel channel) {
		return feedback(customer, channel, RECEIVED_AT);
	}

	public static FeedbackReceived feedback(CustomerId customer, Channel channel, Instant receivedAt) {
		String unique = UUID.randomUUID().toString();
		return new FeedbackReceived(new FeedbackId("fb-" + unique), channel, "ch-" + unique, customer,
				new Contact("王女士", "+8613800138000", "wang@example.com"), receivedAt.minusSeconds(60), receivedAt,
				"这个月话费乱扣了50元，我要投诉", "zh");
	}

	public static Event<FeedbackReceived> received(FeedbackReceived feedback) {
		return EventCodec.event(EventTypes.FEEDBACK_RECEIVED,
				EventCodec.derivedId(EventTypes.FEEDBACK_RECEIVED.name(), feedback.feedbackId().value()),
				"/feedback-ingest", feedback.receivedAt(), feedback.feedbackId().value(), feedback.customerId(),
				feedback);
	}

	/** A complaint's events as they follow each other: received, classified and routed, its case opened. */
	public static List<Event<?>> complaint(FeedbackReceived feedback, String category) {
		return List.of(received(feedback), classifiedAsComplaint(feedback, category), routed(feedback, category));
	}

	/** Classified as a complaint of the category, with the case opened for it. */
	public static Event<FeedbackClassified> classifiedAsComplaint(FeedbackReceived feedback, String category) {
		return classified(feedback, FeedbackKind.COMPLAINT, category, caseFor(feedback));
	}

	public static Event<FeedbackClassified> classifiedAsPraise(FeedbackReceived feedback) {
		return classified(feedback, FeedbackKind.PRAISE, "staff", null);
	}

	private static Event<FeedbackClassified> classified(FeedbackReceived feedback, FeedbackKind kind, String category,
			@Nullable CaseId caseId) {
		String sentiment = switch (kind) {
			case COMPLAINT -> "negative";
			case PRAISE -> "positive";
			default -> "neutral";
		};
		Instant at = feedback.receivedAt().plusMillis(250);
		FeedbackClassified classified = new FeedbackClassified(feedback.feedbackId(), feedback.customerId(),
				feedback.channel(), kind, category, 0.9, sentiment, feedback.language(), "keywords-1", caseId, at);
		return EventCodec.event(EventTypes.FEEDBACK_CLASSIFIED,
				EventCodec.derivedId(EventTypes.FEEDBACK_CLASSIFIED.name(), feedback.feedbackId().value()),
				"/complaint-router", at, feedback.feedbackId().value(), feedback.customerId(), classified);
	}

	public static Event<ComplaintRouted> routed(FeedbackReceived feedback, String category) {
		CaseId caseId = caseFor(feedback);
		Instant at = feedback.receivedAt().plusMillis(250);
		ComplaintRouted routed = new ComplaintRouted(caseId, feedback.feedbackId(), feedback.customerId(),
				feedback.channel(), feedback.contact(), feedback.language(), category, "billing", feedback.receivedAt(),
				feedback.receivedAt().plusSeconds(24 * 3600), at);
		return EventCodec.event(EventTypes.COMPLAINT_ROUTED,
				EventCodec.derivedId(EventTypes.COMPLAINT_ROUTED.name(), caseId.value()), "/complaint-router", at,
				caseId.value(), feedback.customerId(), routed);
	}

	/** The same case routed again (to another department), as complaint-router publishes a re-routing. */
	public static Event<ComplaintRouted> rerouted(FeedbackReceived feedback, String category, int routing) {
		CaseId caseId = caseFor(feedback);
		Instant at = feedback.receivedAt().plusSeconds(600);
		ComplaintRouted routed = new ComplaintRouted(caseId, feedback.feedbackId(), feedback.customerId(),
				feedback.channel(), feedback.contact(), feedback.language(), category, "network", feedback.receivedAt(),
				feedback.receivedAt().plusSeconds(24 * 3600), at);
		return EventCodec.event(EventTypes.COMPLAINT_ROUTED,
				EventCodec.derivedId(EventTypes.COMPLAINT_ROUTED.name(), caseId.value(), "routing",
						String.valueOf(routing)),
				"/complaint-router", at, caseId.value(), feedback.customerId(), routed);
	}

	/**
	 * A person's correction of the feedback's case, as complaint-router publishes it: from the kind and
	 * category the case had to the decided ones, the case then at {@code version}.
	 */
	public static Event<ComplaintReclassified> reclassified(FeedbackReceived feedback, FeedbackKind fromKind,
			String fromCategory, FeedbackKind kind, String category, long version) {
		CaseId caseId = caseFor(feedback);
		Instant at = feedback.receivedAt().plusSeconds(300 + version);
		ComplaintReclassified reclassified = new ComplaintReclassified(caseId, feedback.feedbackId(),
				feedback.customerId(), fromKind, fromCategory, kind, category, "normal", "normal", "agent-li", "agent",
				"corrected", version, at);
		return EventCodec.event(EventTypes.COMPLAINT_RECLASSIFIED,
				EventCodec.derivedId(EventTypes.COMPLAINT_RECLASSIFIED.name(), caseId.value(), String.valueOf(version)),
				"/complaint-router", at, caseId.value(), feedback.customerId(), reclassified);
	}

	public static Event<ComplaintStatusChanged> statusChanged(FeedbackReceived feedback, CaseStatus from,
			CaseStatus to, long version, Instant at) {
		CaseId caseId = caseFor(feedback);
		ComplaintStatusChanged changed = new ComplaintStatusChanged(caseId, feedback.customerId(), from, to, "agent-7",
				"agent", "done", null, version, at);
		return EventCodec.event(EventTypes.COMPLAINT_STATUS_CHANGED,
				EventCodec.derivedId(EventTypes.COMPLAINT_STATUS_CHANGED.name(), caseId.value(), String.valueOf(version)),
				"/complaint-router", at, caseId.value(), feedback.customerId(), changed);
	}

	public static Event<ComplaintResponded> responded(FeedbackReceived feedback, Instant at) {
		CaseId caseId = caseFor(feedback);
		ComplaintResponded responded = new ComplaintResponded(caseId, feedback.customerId(), "agent-7", "phone", true,
				at, CaseStatus.INVESTIGATING);
		return EventCodec.event(EventTypes.COMPLAINT_RESPONDED,
				EventCodec.derivedId(EventTypes.COMPLAINT_RESPONDED.name(), caseId.value(), at.toString()),
				"/complaint-router", at, caseId.value(), feedback.customerId(), responded);
	}

	public static Event<SlaBreached> slaBreached(FeedbackReceived feedback, SlaTimerKind timer, String tier) {
		CaseId caseId = caseFor(feedback);
		Instant due = feedback.receivedAt().plusSeconds(24 * 3600);
		SlaBreached breached = new SlaBreached(caseId, feedback.customerId(), "billing", "billing", null, tier, timer,
				"default", 0, due, due.plusSeconds(5), 5000);
		return EventCodec.event(EventTypes.SLA_BREACHED,
				EventCodec.derivedId(EventTypes.SLA_BREACHED.name(), caseId.value(), timer.wireName(), "0"),
				"/complaint-router", due.plusSeconds(5), caseId.value(), feedback.customerId(), breached);
	}

	public static Event<SlaMet> slaMet(FeedbackReceived feedback, SlaTimerKind timer, Instant at) {
		CaseId caseId = caseFor(feedback);
		SlaMet met = new SlaMet(caseId, feedback.customerId(), "billing", "billing", null, null, timer, "default", 0,
				feedback.receivedAt().plusSeconds(72 * 3600), at);
		return EventCodec.event(EventTypes.SLA_MET,
				EventCodec.derivedId(EventTypes.SLA_MET.name(), caseId.value(), timer.wireName(), "0"),
				"/complaint-router", at, caseId.value(), feedback.customerId(), met);
	}

	/** Feedback in the customer's words, such as a mention of a competitor. */
	public static FeedbackReceived saying(CustomerId customer, String text, Instant receivedAt) {
		String unique = UUID.randomUUID().toString();
		return new FeedbackReceived(new FeedbackId("fb-" + unique), Channel.PHONE, "ch-" + unique, customer,
				new Contact("王女士", "+8613800138000", null), receivedAt.minusSeconds(60), receivedAt, text, "zh");
	}

	/** A survey answer as notification-service posts it to feedback-ingest. */
	public static FeedbackReceived surveyAnswer(CustomerId customer, int score, Instant receivedAt) {
		String unique = UUID.randomUUID().toString();
		return new FeedbackReceived(new FeedbackId("fb-" + unique), Channel.WEB, "survey-" + unique, customer,
				new Contact("王女士", "+8613800138000", null), receivedAt.minusSeconds(1), receivedAt,
				"Satisfaction survey score: " + score + " out of 5 for the handling of reference C261122-ABC", "en");
	}

	/** A survey answer a channel sends as metadata ({@code surveyType}, {@code score}) rather than in the text. */
	public static FeedbackReceived surveyMetadata(CustomerId customer, String surveyType, Object score,
			Instant receivedAt) {
		String unique = UUID.randomUUID().toString();
		return new FeedbackReceived(new FeedbackId("fb-" + unique), Channel.APP, "app-" + unique, customer,
				new Contact("王女士", "+8613800138000", null), receivedAt.minusSeconds(1), receivedAt, "Thanks for asking",
				"en", new ChannelDetails(null, null, null, null, null, Map.of("surveyType", surveyType, "score", score)));
	}

	/** A survey answer in notification-service's words, on the given scale ("7 out of 7"). */
	public static FeedbackReceived surveyAnswer(CustomerId customer, int score, int scale, Instant receivedAt) {
		String unique = UUID.randomUUID().toString();
		return new FeedbackReceived(new FeedbackId("fb-" + unique), Channel.WEB, "survey-" + unique, customer,
				new Contact("王女士", "+8613800138000", null), receivedAt.minusSeconds(1), receivedAt,
				"Survey score: " + score + " out of " + scale, "en");
	}

	public static CaseId caseFor(FeedbackReceived feedback) {
		return new CaseId("C261122-" + feedback.feedbackId().value().substring(3, 13).toUpperCase());
	}

}
