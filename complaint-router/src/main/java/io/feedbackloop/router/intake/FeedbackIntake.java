package io.feedbackloop.router.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.platform.EventMessages;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.router.cases.CaseReferences;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.classification.Classification;
import io.feedbackloop.router.classification.Classifier;
import io.feedbackloop.router.routing.RoutingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * Handles {@code feedback.received.v1}: classify, open and route a case for a complaint, then publish
 * {@code feedback.classified.v1} and {@code complaint.routed.v1}. Safe to run twice for the same
 * event: the case id is derived from the feedback id, the published events' ids from the case, and
 * what is published again after a crash is rebuilt from the stored case, so it is identical.
 */
public class FeedbackIntake {

	static final String CONSUMER = "complaint-router.intake";

	private static final String SOURCE = "/complaint-router";

	private final Classifier classifier;

	private final RoutingProperties routing;

	private final CaseStore cases;

	private final EventPublisher publisher;

	private final IdempotentConsumer idempotent;

	private final Clock clock;

	private final MeterRegistry meters;

	public FeedbackIntake(Classifier classifier, RoutingProperties routing, CaseStore cases, EventPublisher publisher,
			IdempotentConsumer idempotent, Clock clock, MeterRegistry meters) {
		this.classifier = classifier;
		this.routing = routing;
		this.cases = cases;
		this.publisher = publisher;
		this.idempotent = idempotent;
		this.clock = clock;
		this.meters = meters;
	}

	/** The Spring Cloud Stream entry point; a malformed event throws and goes to the dead-letter topic. */
	public void accept(Message<byte[]> message) {
		EventMessages.read(message)
			.ifPresent((event) -> event.dataAs(EventTypes.FEEDBACK_RECEIVED)
				.ifPresent((received) -> this.idempotent.handleOnce(CONSUMER, event, (e) -> handle(received))));
	}

	void handle(FeedbackReceived feedback) {
		Classification classification = this.classifier.classify(feedback.text(), feedback.language());
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.meters
			.counter("feedbackloop.router.classified", "kind", classification.kind().wireName(), "category",
					classification.category(), "channel", feedback.channel().wireName())
			.increment();
		@Nullable ComplaintCase opened = null;
		if (classification.kind() == FeedbackKind.COMPLAINT) {
			opened = this.cases.openIfAbsent(newCase(feedback, classification, now));
		}
		CaseId caseId = (opened != null) ? opened.caseId() : null;
		Classification decided = (opened != null) ? opened.classification() : classification;
		Instant classifiedAt = (opened != null) ? opened.routedAt() : now;
		FeedbackClassified classified = new FeedbackClassified(feedback.feedbackId(), feedback.customerId(),
				feedback.channel(), decided.kind(), decided.category(), decided.confidence(), decided.sentiment(),
				feedback.language(), decided.version(), caseId, classifiedAt);
		this.publisher.publishAndWait(EventCodec.event(EventTypes.FEEDBACK_CLASSIFIED,
				EventCodec.derivedId(EventTypes.FEEDBACK_CLASSIFIED.name(), feedback.feedbackId().value()), SOURCE,
				classifiedAt, feedback.feedbackId().value(), feedback.customerId(), classified));
		if (opened != null) {
			ComplaintRouted routed = new ComplaintRouted(opened.caseId(), opened.feedbackId(), opened.customerId(),
					opened.channel(), opened.contact(), opened.language(), decided.category(), opened.department(),
					opened.receivedAt(), opened.firstResponseDueAt(), opened.routedAt());
			this.publisher.publishAndWait(EventCodec.event(EventTypes.COMPLAINT_ROUTED,
					EventCodec.derivedId(EventTypes.COMPLAINT_ROUTED.name(), opened.caseId().value()), SOURCE,
					opened.routedAt(), opened.caseId().value(), opened.customerId(), routed));
			this.meters.counter("feedbackloop.router.routed", "department", opened.department(), "category",
					decided.category()).increment();
		}
	}

	private ComplaintCase newCase(FeedbackReceived feedback, Classification classification, Instant now) {
		String department = this.routing.departmentFor(classification.category());
		Instant receivedAt = feedback.receivedAt().truncatedTo(ChronoUnit.MILLIS);
		return new ComplaintCase(CaseReferences.forFeedback(feedback.feedbackId(), receivedAt), feedback.feedbackId(),
				feedback.customerId(), feedback.channel(), feedback.channelRecordId(), feedback.contact(),
				feedback.language(), feedback.text(), classification, department, "routed", receivedAt,
				receivedAt.plus(this.routing.firstResponse()), now,
				List.of(new ComplaintCase.HistoryEntry("received", receivedAt, "via " + feedback.channel().wireName()),
						new ComplaintCase.HistoryEntry("routed", now, "to " + department)),
				1);
	}

}
