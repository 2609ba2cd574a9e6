package io.feedbackloop.router.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.cases.CaseChange;
import io.feedbackloop.router.cases.CaseEvents;
import io.feedbackloop.router.cases.CaseService;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.cases.Transition;
import io.feedbackloop.router.classification.Classification;
import io.feedbackloop.router.severity.SeverityAssessment;
import io.feedbackloop.router.severity.SeverityAssessor;
import io.feedbackloop.router.triage.TriageProperties;
import io.feedbackloop.router.web.StaleVersionException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Recognises a customer coming back about a matter that has an open case, on whatever channel: a
 * complaint within the window since the case's last contact, in the same category (when the
 * classifier is sure of it), or with a similar text. Such a complaint is linked to that case and
 * counted, not opened as a new case; a case waiting for the customer resumes, and a case whose remedy was
 * carried out goes back to investigating.
 */
class RepeatContacts {

	static final String BY_CATEGORY = "category";

	static final String BY_TEXT = "text-similarity";

	private static final String OTHER = "other";

	private static final int ATTEMPTS = 5;

	private final CaseStore store;

	private final CaseService cases;

	private final RepeatContactProperties properties;

	private final TriageProperties triage;

	private final MeterRegistry meters;

	private final SeverityAssessor severities;

	RepeatContacts(CaseStore store, CaseService cases, RepeatContactProperties properties, TriageProperties triage,
			MeterRegistry meters, SeverityAssessor severities) {
		this.store = store;
		this.cases = cases;
		this.properties = properties;
		this.triage = triage;
		this.meters = meters;
		this.severities = severities;
	}

	/**
	 * Links the complaint to the open case it repeats, if there is one.
	 * @return the case it was linked to
	 */
	Optional<ComplaintCase> link(FeedbackReceived feedback, Classification classification, Instant now) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Optional<Match> match = find(feedback, classification);
			if (match.isEmpty()) {
				return Optional.empty();
			}
			// Looked up after the case was read: another copy of this record (a redelivery during a rebalance)
			// that opened a case with it, or linked it, before that read is seen here; one that does so after it
			// changes the case's version, so the link below is refused as stale and this look-up made again.
			Optional<ComplaintCase> handled = this.store.findByOpeningOrLinkedFeedback(feedback.feedbackId());
			if (handled.isPresent()) {
				return handled;
			}
			try {
				ComplaintCase linked = this.cases.change(match.get().c().caseId(), match.get().c().version(),
						(c) -> linkChange(c, feedback, classification, match.get(), now));
				this.meters.counter("feedbackloop.router.repeat-contacts", "channel", feedback.channel().wireName(),
						"matchedBy", match.get().by()).increment();
				return Optional.of(linked);
			}
			catch (StaleVersionException ex) {
				// The case changed (or ended) meanwhile: look again.
			}
		}
		// Thrown back to the binder, which delivers the event again a little later.
		throw new IllegalStateException("the open cases of customer " + feedback.customerId().value()
				+ " kept changing while feedback " + feedback.feedbackId().value() + " was being linked");
	}

	Optional<Match> find(FeedbackReceived feedback, Classification classification) {
		List<ComplaintCase> open = this.store.openCasesOf(feedback.customerId(),
				feedback.receivedAt().minus(this.properties.window()));
		boolean sureOfCategory = !OTHER.equals(classification.category())
				&& !this.triage.needsTriage(classification.confidence());
		if (sureOfCategory) {
			for (ComplaintCase c : open) {
				if (c.classification().category().equals(classification.category())) {
					return Optional.of(new Match(c, BY_CATEGORY, 1.0));
				}
			}
		}
		Match best = null;
		for (ComplaintCase c : open) {
			double similarity = TextSimilarity.cosine(feedback.text(), c.text());
			if (similarity >= this.properties.textSimilarity() && (best == null || similarity > best.similarity())) {
				best = new Match(c, BY_TEXT, similarity);
			}
		}
		return Optional.ofNullable(best);
	}

	private CaseChange linkChange(ComplaintCase c, FeedbackReceived feedback, Classification classification,
			Match match, Instant now) {
		int repeats = c.repeatContacts() + 1;
		long version = c.version() + 1;
		Map<String, String> details = new LinkedHashMap<>();
		details.put("feedbackId", feedback.feedbackId().value());
		details.put("channel", feedback.channel().wireName());
		details.put("channelRecordId", feedback.channelRecordId());
		details.put("matchedBy", match.by());
		details.put("similarity", String.format(Locale.ROOT, "%.2f", match.similarity()));
		details.put("text", feedback.text());
		SeverityAssessment raised = this.severities.repeatContact(c.severity(), repeats, feedback.channel().wireName(),
				feedback.text());
		String severity = raised.severity();
		if (!severity.equals(c.severity())) {
			details.put("fromSeverity", c.severity());
			details.put("severity", severity);
		}
		Actor system = Actor.system();
		CaseChange change = new CaseChange().increment("repeatContacts")
			.linkFeedback(feedback.feedbackId().value())
			.history(new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.REPEAT_CONTACT, null, c.status(), now,
					system.id(), system.role(), null, details))
			.event(CaseEvents.classified(new FeedbackClassified(feedback.feedbackId(), feedback.customerId(),
					feedback.channel(), classification.kind(), classification.category(), classification.confidence(),
					classification.sentiment(), feedback.language(), classification.version(), c.caseId(), now)))
			.event(CaseEvents.repeatContact(new RepeatContactRecorded(c.caseId(), c.customerId(),
					feedback.feedbackId(), feedback.channel(), c.classification().category(), match.by(), repeats,
					feedback.receivedAt(), version, now, severity, c.tier())));
		if (!severity.equals(c.severity())) {
			// The SLA timers read the raised severity from the repeat-contact event and recompute.
			List<String> reasons = new ArrayList<>(c.severityReasons());
			reasons.addAll(raised.reasons());
			change.set("severity", severity)
				.set("severityReasons", reasons)
				.history(new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.SEVERITY_RAISED, null, c.status(),
						now, system.id(), system.role(), String.join("; ", raised.reasons()),
						Map.of("fromSeverity", c.severity(), "severity", severity, "feedbackId",
								feedback.feedbackId().value())));
		}
		if (feedback.receivedAt().isAfter(c.lastContactAt())) {
			change.set("lastContactAt", feedback.receivedAt());
		}
		String via = feedback.channel().wireName();
		if (!feedback.receivedAt().isAfter(c.statusChangedAt())) {
			// written before the case got where it is (consumed late): it says nothing about that step
			return change;
		}
		if (c.status() == CaseStatus.WAITING_FOR_CUSTOMER && c.pausedFrom() != null) {
			// The customer the case was waiting for came back: it resumes, and its timers with it.
			this.cases.transitionChange(change, c,
					Transition.to(c.pausedFrom(), "the customer came back via " + via), system, false, now);
		}
		else if (c.status() == CaseStatus.REMEDY_CARRIED_OUT) {
			// Complaining about the matter again after the remedy is not confirming it: investigated again (a
			// customer who is satisfied says so; that is no complaint).
			this.cases.transitionChange(change, c, Transition.to(CaseStatus.INVESTIGATING,
					"the customer complained again via " + via + " after the remedy was carried out"), system, false,
					now);
		}
		return change;
	}

	record Match(ComplaintCase c, String by, double similarity) {

	}

}
