package io.feedbackloop.router.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.platform.EventMessages;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.cases.CaseEventOutbox;
import io.feedbackloop.router.cases.CaseEvents;
import io.feedbackloop.router.cases.CaseReferences;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.classification.Classification;
import io.feedbackloop.router.classification.Classifier;
import io.feedbackloop.router.routing.RouteDecision;
import io.feedbackloop.router.routing.Router;
import io.feedbackloop.router.severity.SeverityAssessment;
import io.feedbackloop.router.severity.SeverityAssessor;
import io.feedbackloop.router.triage.TriageProperties;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * Handles {@code feedback.received.v1} (but survey answers: a score is not classified): classify; a
 * complaint that repeats an open case of the customer is linked to it, any other complaint opens a case
 * (in manual triage when the classifier is not sure enough, else routed by the routing table); then
 * {@code feedback.classified.v1},
 * {@code complaint.routed.v1} or {@code complaint.repeat-contact.v1} are published. Safe to run twice
 * for the same event: the case id is derived from the feedback id, a linked feedback is found by its
 * id, and the events are written with the case and published from there with derived ids.
 */
public class FeedbackIntake {

	static final String CONSUMER = "complaint-router.intake";

	/**
	 * Histogram buckets of the classifier's confidence, in percent: Micrometer's histograms count whole
	 * numbers, so a fraction would land in the bucket above it.
	 */
	private static final double[] CONFIDENCE_BUCKETS = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };

	private final Classifier classifier;

	private final Router router;

	private final TriageProperties triage;

	private final RepeatContacts repeatContacts;

	private final CaseStore cases;

	private final CaseEventOutbox outbox;

	private final EventPublisher publisher;

	private final IdempotentConsumer idempotent;

	private final Clock clock;

	private final MeterRegistry meters;

	private final SeverityAssessor severities;

	FeedbackIntake(Classifier classifier, Router router, TriageProperties triage, RepeatContacts repeatContacts,
			CaseStore cases, CaseEventOutbox outbox, EventPublisher publisher, IdempotentConsumer idempotent,
			Clock clock, MeterRegistry meters, SeverityAssessor severities) {
		this.classifier = classifier;
		this.router = router;
		this.triage = triage;
		this.repeatContacts = repeatContacts;
		this.cases = cases;
		this.outbox = outbox;
		this.publisher = publisher;
		this.idempotent = idempotent;
		this.clock = clock;
		this.meters = meters;
		this.severities = severities;
	}

	/** The Spring Cloud Stream entry point; a malformed event throws and goes to the dead-letter topic. */
	public void accept(Message<byte[]> message) {
		EventMessages.read(message)
			.ifPresent((event) -> event.dataAs(EventTypes.FEEDBACK_RECEIVED)
				.ifPresent((received) -> this.idempotent.handleOnce(CONSUMER, event, (e) -> handle(received))));
	}

	void handle(FeedbackReceived feedback) {
		if (isSurveyAnswer(feedback)) {
			// A score, not words to classify: notification-service's answer text is a template ("Satisfaction
			// survey score: 5 out of 5 ..." read as a complaint, and opened a case the customer was thanked for).
			// churn-analyzer keeps the score.
			this.meters.counter("feedbackloop.router.survey-answers").increment();
			return;
		}
		Classification classification = this.classifier.classify(feedback.feedbackId().value(),
				feedback.text(), feedback.language());
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.meters
			.counter("feedbackloop.router.classified", "kind", classification.kind().wireName(), "category",
					classification.category(), "channel", feedback.channel().wireName())
			.increment();
		DistributionSummary.builder("feedbackloop.router.classification.confidence")
			.description("The classifier's confidence in each decision, in percent")
			.tag("kind", classification.kind().wireName())
			.serviceLevelObjectives(CONFIDENCE_BUCKETS)
			.register(this.meters)
			.record(100 * classification.confidence());
		if (classification.kind() != FeedbackKind.COMPLAINT) {
			this.publisher.publishAndWait(CaseEvents.classified(classified(feedback, classification, null, now)));
			return;
		}
		Optional<ComplaintCase> known = this.cases.findByOpeningOrLinkedFeedback(feedback.feedbackId());
		if (known.isPresent()) {
			// Handled before (a redelivery, or the same feedback published again upstream).
			this.outbox.publishPending(known.get().caseId());
			return;
		}
		Optional<ComplaintCase> repeated = this.repeatContacts.link(feedback, classification, now);
		if (repeated.isPresent()) {
			this.outbox.publishPending(repeated.get().caseId());
			return;
		}
		open(feedback, classification, now);
	}

	private void open(FeedbackReceived feedback, Classification classification, Instant now) {
		boolean needsTriage = this.triage.needsTriage(classification.confidence());
		Instant receivedAt = feedback.receivedAt().truncatedTo(ChronoUnit.MILLIS);
		String tier = this.router.tierOf(feedback.customerId());
		SeverityAssessment assessment = this.severities.assess(feedback.text(), tier);
		String severity = assessment.severity();
		// An unsure category must not pick the department: a triage case waits in the queue that
		// category-independent rules (or the default) give it until a person decides.
		RouteDecision decision = this.router.route(needsTriage ? null : classification.category(), severity, tier);
		CaseStatus status = needsTriage ? CaseStatus.TRIAGE : CaseStatus.RECEIVED;
		CaseId caseId = CaseReferences.forFeedback(feedback.feedbackId(), receivedAt);
		Actor system = Actor.system();
		List<ComplaintCase.HistoryEntry> history = List.of(
				new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.OPENED, null, status, receivedAt, system.id(),
						system.role(), "via " + feedback.channel().wireName(),
						Map.of("channel", feedback.channel().wireName(), "confidence",
								String.valueOf(classification.confidence()))),
				new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.ROUTED, null, status, now, system.id(),
						system.role(), "to " + decision.department(), Map.of("department", decision.department(),
								"ownerRole", decision.ownerRole(), "rule", decision.rule(), "tier", tier, "severity",
								severity)));
		ComplaintCase opened = new ComplaintCase(caseId, feedback.feedbackId(), feedback.customerId(),
				feedback.channel(), feedback.channelRecordId(), feedback.contact(), feedback.language(),
				feedback.text(), classification, severity, tier, decision.department(), decision.ownerRole(),
				decision.rule(), null, status, null, receivedAt, receivedAt.plus(this.router.firstResponse()), now, now,
				receivedAt, null, 0, 0, 1, null, null, null, null, null, history, 1, assessment.reasons());
		List<Event<?>> events = List.of(CaseEvents.classified(classified(feedback, classification, caseId, now)),
				CaseEvents.routed(opened, 1, now));
		ComplaintCase stored = this.cases.openIfAbsent(opened, events);
		this.outbox.publishPending(stored.caseId());
		this.meters.counter("feedbackloop.router.routed", "department", stored.department(), "category",
				stored.classification().category()).increment();
		if (needsTriage) {
			this.meters.counter("feedbackloop.router.triage").increment();
		}
	}

	/** A survey answer: see {@link ChannelDetails#SURVEY_TYPE}. */
	static boolean isSurveyAnswer(FeedbackReceived feedback) {
		Map<String, Object> metadata = (feedback.details() != null) ? feedback.details().metadata() : null;
		return metadata != null && metadata.get(ChannelDetails.SURVEY_TYPE) != null
				&& metadata.get(ChannelDetails.SURVEY_SCORE) != null;
	}

	private static FeedbackClassified classified(FeedbackReceived feedback, Classification classification,
			@Nullable CaseId caseId, Instant at) {
		return new FeedbackClassified(feedback.feedbackId(), feedback.customerId(), feedback.channel(),
				classification.kind(), classification.category(), classification.confidence(),
				classification.sentiment(), feedback.language(), classification.version(), caseId, at);
	}

}
