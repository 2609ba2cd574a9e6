package io.feedbackloop.router.triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.cases.CaseChange;
import io.feedbackloop.router.cases.CaseEndedException;
import io.feedbackloop.router.cases.CaseEvents;
import io.feedbackloop.router.cases.CaseLifecycle;
import io.feedbackloop.router.cases.CaseService;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.cases.Transition;
import io.feedbackloop.router.classification.Classification;
import io.feedbackloop.router.routing.RouteDecision;
import io.feedbackloop.router.routing.Router;
import io.feedbackloop.router.routing.Severity;
import io.feedbackloop.router.web.FieldError;
import io.feedbackloop.router.web.InvalidRequestException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * A person sets a case's kind and category: the case is re-routed by the routing table (a new routing
 * decision, a new {@code complaint.routed.v1}), the correction is kept as a training example, and a case
 * in triage moves on to assigned (or, when it is no complaint at all, to invalid with an explanation).
 */
@Service
class ClassificationCorrections {

	private static final Logger log = LoggerFactory.getLogger(ClassificationCorrections.class);

	private final CaseService cases;

	private final Router router;

	private final Taxonomy taxonomy;

	private final TrainingExamples examples;

	private final MeterRegistry meters;

	ClassificationCorrections(CaseService cases, Router router, Taxonomy taxonomy, TrainingExamples examples,
			MeterRegistry meters) {
		this.cases = cases;
		this.taxonomy = taxonomy;
		this.router = router;
		this.examples = examples;
		this.meters = meters;
	}

	ComplaintCase correct(CaseId caseId, long expectedVersion, Correction correction, Actor actor) {
		Instant now = this.cases.now();
		ComplaintCase corrected = this.cases.change(caseId, expectedVersion,
				(c) -> decide(c, correction, actor, now));
		// Kept only once the correction is the case's (a correction refused as stale leaves none), under
		// an id of the case and the version the correction made: one example per correction applied, and
		// the same one again should this be repeated. A crash or a MongoDB failure in between loses the
		// example, not the case: the answer is the case's, which took the correction.
		try {
			this.examples.store("te-" + EventCodec.derivedId(caseId.value(), String.valueOf(corrected.version())),
					corrected.text(), corrected.language(), corrected.classification().kind().wireName(),
					corrected.classification().category(), caseId.value(), corrected.version(), actor.id(), now);
		}
		catch (RuntimeException ex) {
			log.warn("Case {} corrected, but its training example could not be stored: {}", caseId.value(),
					ex.toString());
		}
		this.meters.counter("feedbackloop.router.corrections", "kind", corrected.classification().kind().wireName())
			.increment();
		if (corrected.classification().kind() == FeedbackKind.COMPLAINT) {
			this.meters.counter("feedbackloop.router.routed", "department", corrected.department(), "category",
					corrected.classification().category()).increment();
		}
		return corrected;
	}

	private CaseChange decide(ComplaintCase c, Correction correction, Actor actor, Instant now) {
		if (!CaseLifecycle.isOpen(c.status())) {
			throw new CaseEndedException(c.caseId(), c.status(), "correct its classification");
		}
		this.cases.checkOwnerRole(c, actor, "correct its classification");
		FeedbackKind kind = kindOf(correction);
		String severity = (correction.severity() != null) ? correction.severity() : c.severity();
		validate(correction, severity);
		Classification before = c.classification();
		// A person decided the kind and the category; the sentiment stays the classifier's.
		Map<String, Double> confidences = new LinkedHashMap<>(before.confidences());
		confidences.put("kind", 1.0);
		confidences.put("category", 1.0);
		Classification after = new Classification(kind, correction.category(), 1.0, before.sentiment(),
				before.version(), List.of("corrected by " + actor.id()), confidences, before.language());
		Map<String, String> details = new LinkedHashMap<>();
		details.put("fromKind", before.kind().wireName());
		details.put("fromCategory", before.category());
		details.put("kind", kind.wireName());
		details.put("category", after.category());
		details.put("fromSeverity", c.severity());
		details.put("severity", severity);
		CaseChange change = new CaseChange().set("kind", kind.wireName())
			.set("category", after.category())
			.set("confidence", after.confidence())
			.set("confidences", after.confidences())
			.set("evidence", after.evidence())
			.set("severity", severity)
			.set("correctedBy", actor.id())
			.history(new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.RECLASSIFIED, null, c.status(), now,
					actor.id(), actor.role(), correction.note(), details));
		if (!severity.equals(c.severity())) {
			List<String> reasons = new ArrayList<>(c.severityReasons());
			reasons.add("corrected by " + actor.id() + ": " + c.severity() + " → " + severity);
			change.set("severityReasons", reasons);
		}
		ComplaintCase reclassified = c.withClassification(after, severity);
		// Announced before what it causes (the re-route, or the end as invalid), in the case's events.
		change.event(CaseEvents.reclassified(c, reclassified, actor, CaseService.blankToNull(correction.note()),
				c.version() + 1, now));
		if (kind != FeedbackKind.COMPLAINT) {
			// Not a complaint after all: the case ends as invalid, with the explanation the customer gets.
			return this.cases.transitionChange(change, reclassified, Transition.to(CaseStatus.INVALID, correction.note()),
					actor, true, now);
		}
		String tier = this.router.tierOf(c.customerId());
		RouteDecision decision = this.router.route(after.category(), severity, tier);
		int routings = c.routings() + 1;
		ComplaintCase rerouted = reclassified.withRouting(tier, decision.department(), decision.ownerRole(),
				decision.rule());
		String owner = owner(c, correction, decision);
		if (!Objects.equals(owner, c.assignee())) {
			change.set("assignee", owner);
		}
		change.set("tier", tier)
			.set("department", decision.department())
			.set("ownerRole", decision.ownerRole())
			.set("routingRule", decision.rule())
			.set("routedAt", now)
			.increment("routings")
			.history(new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.ROUTED, null, c.status(), now,
					actor.id(), actor.role(), null,
					Map.of("fromDepartment", c.department(), "department", decision.department(), "ownerRole",
							decision.ownerRole(), "rule", decision.rule(), "tier", tier, "severity", severity)))
			.event(CaseEvents.routed(rerouted, routings, now));
		if (c.status() == CaseStatus.TRIAGE) {
			this.cases.transitionChange(change, rerouted, new Transition(CaseStatus.ASSIGNED, correction.note(),
					correction.assignee(), null, null, null, null), actor, true, now);
		}
		return change;
	}

	/**
	 * Who owns a case being worked on after it is re-routed: the assignee the correction names, else the one it
	 * has, if they may own it under the new routing (a raised severity may give it to supervisors). A case in
	 * triage has none: the triage decision sends it to its department's queue.
	 */
	private @Nullable String owner(ComplaintCase c, Correction correction, RouteDecision decision) {
		String requested = CaseService.blankToNull(correction.assignee());
		if (c.status() == CaseStatus.TRIAGE) {
			return null;
		}
		String owner = (requested != null) ? requested : c.assignee();
		if (owner != null && !this.cases.mayOwn(owner, decision.ownerRole())) {
			String routed = "routed to " + decision.department() + " and owned by role " + decision.ownerRole();
			throw InvalidRequestException.of("assignee", (requested != null)
					? "'" + owner + "' may not own this case: it is " + routed
					: "is required: the case is now " + routed + ", which its assignee " + owner
							+ " may not own; name a user who may");
		}
		return owner;
	}

	private void validate(Correction correction, String severity) {
		List<FieldError> errors = new ArrayList<>();
		// what the classifier can learn from (and the routing table routes: the taxonomy's categories are
		// routing categories, checked at start-up)
		List<String> categories = this.taxonomy.labels(Taxonomy.CATEGORY);
		if (correction.category() == null || correction.category().isBlank()) {
			errors.add(new FieldError("category", "is required; one of " + categories));
		}
		else if (!categories.contains(correction.category())) {
			errors.add(new FieldError("category", "unknown category '" + correction.category() + "' in the taxonomy "
					+ this.taxonomy.name() + "; known: " + categories));
		}
		CaseService.checkLength("note", correction.note(), errors);
		if (!Severity.ALL.contains(severity)) {
			errors.add(new FieldError("severity", "unknown severity '" + severity + "'; one of " + Severity.ALL));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException("The correction is not valid: "
					+ errors.stream().map((e) -> e.field() + " " + e.message()).toList() + ".", errors);
		}
	}

	private static FeedbackKind kindOf(Correction correction) {
		if (correction.kind() == null) {
			return FeedbackKind.COMPLAINT;
		}
		try {
			return FeedbackKind.fromWire(correction.kind());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.of("kind", ex.getMessage());
		}
	}

}
