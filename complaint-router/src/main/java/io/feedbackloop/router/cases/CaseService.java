package io.feedbackloop.router.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.platform.security.Role;
import io.feedbackloop.platform.security.Staff;
import io.feedbackloop.router.web.FieldError;
import io.feedbackloop.router.web.InvalidRequestException;
import io.feedbackloop.router.web.NotFoundException;
import io.feedbackloop.router.web.StaleVersionException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Changes cases: each change is decided on the case as read, then written only if the case is still
 * at that version (a stale change is refused with {@code 409}, never applied over another), together
 * with its history entry and the events announcing it, which are then published.
 */
@Service
public class CaseService {

	/** The remedies of the complaint process: 退货, 换货, 维修, 折价, 赔偿, or an explanation. */
	public static final List<String> REMEDIES = List.of("refund", "exchange", "repair", "discount", "compensation",
			"explanation");

	/** The longest note, cause or responsible party a person may give, in characters. */
	public static final int MAX_TEXT = 4000;

	/** How an agent reached the customer. */
	public static final List<String> MEDIA = List.of("phone", "sms", "email", "in-person");

	private final CaseStore store;

	private final CaseEventOutbox outbox;

	private final Staff staff;

	private final Clock clock;

	private final MeterRegistry meters;

	CaseService(CaseStore store, CaseEventOutbox outbox, Staff staff, Clock clock, MeterRegistry meters) {
		this.store = store;
		this.outbox = outbox;
		this.staff = staff;
		this.clock = clock;
		this.meters = meters;
	}

	public ComplaintCase get(CaseId caseId) {
		return this.store.find(caseId).orElseThrow(() -> new NotFoundException("There is no complaint case "
				+ caseId.value() + "."));
	}

	/**
	 * Decides a change on the case as it is and applies it if nobody changed the case in between.
	 * @throws NotFoundException when there is no such case
	 * @throws StaleVersionException when the case is not (or no longer) at {@code expectedVersion}
	 */
	public ComplaintCase change(CaseId caseId, long expectedVersion, Function<ComplaintCase, CaseChange> decide) {
		ComplaintCase current = get(caseId);
		if (current.version() != expectedVersion) {
			throw new StaleVersionException("Case " + caseId.value(), expectedVersion, current.version());
		}
		CaseChange change = decide.apply(current);
		ComplaintCase updated = this.store.apply(caseId, expectedVersion, change)
			.orElseThrow(() -> new StaleVersionException("Case " + caseId.value(), expectedVersion,
					get(caseId).version()));
		change.transitions()
			.forEach((h) -> this.meters
				.counter("feedbackloop.router.transitions", "from", (h.from() != null) ? h.from().wireName() : "none", "to", h.status().wireName())
				.increment());
		this.outbox.tryPublishPending(caseId);
		return updated;
	}

	/** A step of the complaint process requested by a person. */
	public ComplaintCase transition(CaseId caseId, long expectedVersion, Transition transition, Actor actor) {
		return change(caseId, expectedVersion, (c) -> transitionChange(c, transition, actor, false, now()));
	}

	/** The customer was answered (a call-back, an SMS, an e-mail). */
	public ComplaintCase respond(CaseId caseId, long expectedVersion, @Nullable String medium, @Nullable String note,
			Actor actor) {
		return change(caseId, expectedVersion, (c) -> {
			if (!CaseLifecycle.isOpen(c.status())) {
				throw new CaseEndedException(c.caseId(), c.status(), "answer its customer");
			}
			requireMedium(medium);
			List<FieldError> errors = new ArrayList<>();
			checkLength("note", note, errors);
			if (!errors.isEmpty()) {
				throw InvalidRequestException.of("note", errors.get(0).message());
			}
			Instant now = now();
			CaseChange change = new CaseChange();
			recordResponse(c, c.status(), change, actor, medium, note, now);
			return change;
		});
	}

	/**
	 * Closes a case whose customer did not answer within the silence period after the remedy was
	 * carried out, unless someone changed it in between.
	 * @return whether it was closed
	 */
	boolean closeSilent(ComplaintCase c, String note, Instant now) {
		if (c.lastContactAt().isAfter(c.statusChangedAt())) {
			// The customer came back after the remedy: that is no silence, a person answers.
			return false;
		}
		try {
			change(c.caseId(), c.version(), (current) -> transitionChange(current,
					Transition.to(CaseStatus.CLOSED, note), Actor.system(), false, now));
			return true;
		}
		catch (StaleVersionException | IllegalTransitionException ex) {
			return false;
		}
	}

	/**
	 * The change for one step of the process, after checking that the step is legal from the case's
	 * status, that the actor's role may make it, and that the step has what it needs.
	 * @param byClassification whether a person is setting the classification (the only way out of
	 * triage into assigned)
	 */
	public CaseChange transitionChange(ComplaintCase c, Transition transition, Actor actor, boolean byClassification,
			Instant now) {
		return transitionChange(new CaseChange(), c, transition, actor, byClassification, now);
	}

	/** As {@link #transitionChange(ComplaintCase, Transition, Actor, boolean, Instant)}, added to a change. */
	public CaseChange transitionChange(CaseChange change, ComplaintCase c, Transition transition, Actor actor,
			boolean byClassification, Instant now) {
		CaseStatus from = c.status();
		CaseStatus to = transition.to();
		if (!CaseLifecycle.isLegal(from, to)) {
			throw IllegalTransitionException.notInTable(c.caseId(), from, to);
		}
		if (from == CaseStatus.WAITING_FOR_CUSTOMER && c.pausedFrom() != null && to != c.pausedFrom()) {
			throw new IllegalTransitionException(c.caseId(), from, to, "it paused from "
					+ c.pausedFrom().wireName() + " and resumes to " + c.pausedFrom().wireName() + ".",
					Set.of(c.pausedFrom()));
		}
		checkWho(c, from, to, actor, byClassification);
		if (from == CaseStatus.REOPENED && to != CaseStatus.WAITING_FOR_CUSTOMER && needsClassification(c)) {
			throw new IllegalTransitionException(c.caseId(), from, to, "a person decides its kind and category "
					+ "first: PUT /api/v1/cases/" + c.caseId().value() + "/classification.",
					Set.of(CaseStatus.WAITING_FOR_CUSTOMER));
		}
		List<FieldError> errors = new ArrayList<>();
		Map<String, String> details = new LinkedHashMap<>();
		change.set("status", to).set("statusChangedAt", now);
		String note = blankToNull(transition.note());
		checkLength("note", note, errors);
		checkLength("cause", transition.cause(), errors);
		checkLength("responsibleParty", transition.responsibleParty(), errors);
		// The end of a pause returns the case to where it was, with what it had there: the step into that
		// status was made (and its fields given and checked) before the pause.
		boolean resumes = from == CaseStatus.WAITING_FOR_CUSTOMER;
		if (resumes) {
			details.put("resumed", "true");
		}
		// an assigned case may be handed to someone else as it resumes
		if (!resumes || to == CaseStatus.ASSIGNED) {
			switch (to) {
				case INVALID -> required("note", note, "the polite explanation the customer is given", errors);
				case ASSIGNED -> {
					String assignee = assignee(c, from, transition.assignee(), actor, byClassification, errors);
					change.set("assignee", assignee);
					if (assignee != null) {
						details.put("assignee", assignee);
					}
					details.put("department", c.department());
				}
				case REMEDY_PROPOSED -> {
					String cause = required("cause", transition.cause(), "what caused the problem", errors);
					String party = required("responsibleParty", transition.responsibleParty(), "who is responsible",
							errors);
					String remedy = required("remedy", transition.remedy(), "one of " + REMEDIES, errors);
					if (remedy != null && !REMEDIES.contains(remedy)) {
						errors.add(new FieldError("remedy", "unknown remedy '" + remedy + "'; one of " + REMEDIES));
					}
					change.set("cause", cause).set("responsibleParty", party).set("remedy", remedy)
						.set("remedyApprovedBy", null);
					putIfPresent(details, "cause", cause);
					putIfPresent(details, "responsibleParty", party);
					putIfPresent(details, "remedy", remedy);
				}
				case REMEDY_APPROVED -> {
					change.set("remedyApprovedBy", actor.id());
					putIfPresent(details, "remedy", c.remedy());
				}
				case REMEDY_CARRIED_OUT -> {
					String medium = requireMedium(transition.medium(), errors);
					putIfPresent(details, "remedy", c.remedy());
					putIfPresent(details, "medium", medium);
				}
				case CLOSED -> {
					details.put("closedBy", actor.isSystem() ? "silence" : "customer-confirmation");
					if (!actor.isSystem()) {
						// a case closes only when the customer confirms: how they did (the note, if any, is the
						// outcome the customer is told)
						putIfPresent(details, "confirmedVia",
								requireMedium(transition.medium(), "how the customer confirmed", errors));
					}
				}
				case REOPENED -> required("note", note, "why the case is reopened", errors);
				case INVESTIGATING -> {
					if (from == CaseStatus.REMEDY_PROPOSED) {
						required("note", note, "why the remedy is rejected", errors);
					}
					else if (from == CaseStatus.REMEDY_CARRIED_OUT) {
						required("note", note, "why the customer is not satisfied", errors);
					}
					if (c.assignee() == null && !actor.isSystem()
							&& (from == CaseStatus.ASSIGNED || from == CaseStatus.REOPENED)) {
						// Taken from the department's queue (a triage decision assigns to the queue): whoever
						// investigates owns the case, or names who does.
						String assignee = assignee(c, from, transition.assignee(), actor, false, errors);
						change.set("assignee", assignee);
						putIfPresent(details, "assignee", assignee);
					}
				}
				default -> {
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException("Moving case " + c.caseId().value() + " to " + to.wireName()
					+ " needs more: " + errors.stream().map((e) -> e.field() + " " + e.message()).toList() + ".",
					errors);
		}
		change.set("pausedFrom", (to == CaseStatus.WAITING_FOR_CUSTOMER) ? from : null);
		long version = c.version() + 1;
		change.history(new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.TRANSITION, from, to, now, actor.id(),
				actor.role(), note, details));
		change.event(CaseEvents.statusChanged(c, to, actor, note, details, version, now));
		if (to == CaseStatus.REMEDY_CARRIED_OUT) {
			recordResponse(c, to, change, actor, transition.medium(), note, now);
		}
		return change;
	}

	/** @param status the case's status once the change is made (a remedy carried out answers the customer) */
	private void recordResponse(ComplaintCase c, CaseStatus status, CaseChange change, Actor actor,
			@Nullable String medium, @Nullable String note, Instant now) {
		String how = requireMedium(medium);
		if (c.firstRespondedAt() == null) {
			change.set("firstRespondedAt", now);
		}
		change.increment("responses");
		change.history(new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.RESPONDED, null, status, now,
				actor.id(), actor.role(), blankToNull(note),
				Map.of("medium", how, "firstResponse", String.valueOf(c.firstRespondedAt() == null))));
		change.event(CaseEvents.responded(c, status, actor, how, c.version() + 1, now));
	}

	private void checkWho(ComplaintCase c, CaseStatus from, CaseStatus to, Actor actor, boolean byClassification) {
		CaseLifecycle.Who who = CaseLifecycle.who(from, to);
		if (who == CaseLifecycle.Who.CLASSIFICATION && !byClassification) {
			throw new IllegalTransitionException(c.caseId(), from, to, "a person decides its kind and category "
					+ "first: PUT /api/v1/cases/" + c.caseId().value() + "/classification.");
		}
		if (actor.isSystem()) {
			if (who != CaseLifecycle.Who.STAFF_OR_SYSTEM) {
				throw new IllegalStateException(from.wireName() + " -> " + to.wireName() + " is for people only");
			}
			return;
		}
		if (to == CaseStatus.ASSIGNED) {
			// Handing a case to someone who may own it (the assignee is checked) is open to all staff.
			checkStaff(actor);
		}
		else {
			checkOwnerRole(c, actor, "move it");
		}
		if (who == CaseLifecycle.Who.SUPERVISOR && !actor.is(Role.SUPERVISOR)) {
			String step = (to == CaseStatus.REMEDY_APPROVED) ? "approve a remedy" : "reject a proposed remedy";
			throw new ForbiddenActionException("Only a supervisor may " + step + " (" + from.wireName() + " -> "
					+ to.wireName() + "); you are signed in as " + actor.role() + ".", "supervisor");
		}
	}

	/**
	 * A case the routing table gives to supervisors (a VIP customer's, a critical billing complaint) is
	 * worked by supervisors: anyone on staff may read it and record what the customer was told, but a
	 * person who may not own it neither moves it nor corrects its classification.
	 * @param what the step refused, for the message ("move it")
	 */
	public void checkOwnerRole(ComplaintCase c, Actor actor, String what) {
		checkStaff(actor);
		if (actor.isSystem() || ownerRoles(c.ownerRole()).stream().anyMatch(actor::is)) {
			return;
		}
		throw new ForbiddenActionException("Case " + c.caseId().value() + " is owned by role " + c.ownerRole()
				+ " (routing rule " + c.routingRule() + "); you are signed in as " + actor.role()
				+ ": you may read it and record answers to the customer, but only a " + c.ownerRole() + " may "
				+ what + ".", c.ownerRole());
	}

	private static void checkStaff(Actor actor) {
		if (actor.is(Role.ANALYST)) {
			throw new ForbiddenActionException("Analysts read cases; they do not change them.", "agent");
		}
	}

	/** Whether {@code user} may own a case whose owner role is {@code ownerRole} (a supervisor any case). */
	public boolean mayOwn(String user, String ownerRole) {
		return this.staff.rolesOf(user).stream().anyMatch(ownerRoles(ownerRole)::contains);
	}

	private static Set<Role> ownerRoles(String ownerRole) {
		return "supervisor".equals(ownerRole) ? Set.of(Role.SUPERVISOR) : Set.of(Role.AGENT, Role.SUPERVISOR);
	}

	private @Nullable String assignee(ComplaintCase c, CaseStatus from, @Nullable String requested, Actor actor,
			boolean byClassification, List<FieldError> errors) {
		String assignee = blankToNull(requested);
		if (assignee == null) {
			if (byClassification) {
				// A triage decision only sends the case to its department's queue.
				return null;
			}
			if (from == CaseStatus.WAITING_FOR_CUSTOMER) {
				// The end of a pause: the case stays with whoever had it (or in its queue).
				return c.assignee();
			}
			// Whoever takes a case from the queue owns it, if they may; else they name who does.
			if (!mayOwn(actor.id(), c.ownerRole())) {
				errors.add(new FieldError("assignee", "is required: you (" + actor.role()
						+ ") may not own this case, it is owned by role " + c.ownerRole() + "; name a user who may"));
				return null;
			}
			return actor.id();
		}
		Set<Role> roles = this.staff.rolesOf(assignee);
		if (roles.isEmpty()) {
			errors.add(new FieldError("assignee", "'" + assignee + "' is not a user of this service"));
		}
		else if (!mayOwn(assignee, c.ownerRole())) {
			errors.add(new FieldError("assignee", "'" + assignee + "' may not own this case: it is owned by role "
					+ c.ownerRole()));
		}
		return assignee;
	}

	private static String requireMedium(@Nullable String medium) {
		List<FieldError> errors = new ArrayList<>();
		String how = requireMedium(medium, errors);
		if (!errors.isEmpty() || how == null) {
			throw new InvalidRequestException("medium " + errors.get(0).message() + ".", errors);
		}
		return how;
	}

	private static @Nullable String requireMedium(@Nullable String medium, List<FieldError> errors) {
		return requireMedium(medium, "how the customer was told", errors);
	}

	private static @Nullable String requireMedium(@Nullable String medium, String what, List<FieldError> errors) {
		String how = required("medium", medium, what + ": one of " + MEDIA, errors);
		if (how != null && !MEDIA.contains(how)) {
			errors.add(new FieldError("medium", "unknown medium '" + how + "'; one of " + MEDIA));
			return null;
		}
		return how;
	}

	/**
	 * Whether a person must decide the case's kind and category before it is worked on: it ended invalid as no
	 * complaint, or straight from triage (opened there, never corrected: the classifier's unsure kind and
	 * category, and the queue triage gave it).
	 */
	private static boolean needsClassification(ComplaintCase c) {
		boolean openedInTriage = !c.history().isEmpty() && c.history().get(0).status() == CaseStatus.TRIAGE;
		return c.classification().kind() != FeedbackKind.COMPLAINT || (c.correctedBy() == null && openedInTriage);
	}

	/**
	 * Refuses a person's text longer than {@link #MAX_TEXT} characters: every note stays in the case's history,
	 * which lives in one MongoDB document (at most 16 MB).
	 */
	public static void checkLength(String field, @Nullable String value, List<FieldError> errors) {
		if (value != null && value.length() > MAX_TEXT) {
			errors.add(new FieldError(field, "is " + value.length() + " characters long; at most " + MAX_TEXT));
		}
	}

	private static @Nullable String required(String field, @Nullable String value, String what,
			List<FieldError> errors) {
		String given = blankToNull(value);
		if (given == null) {
			errors.add(new FieldError(field, "is required: " + what));
		}
		return given;
	}

	private static void putIfPresent(Map<String, String> details, String key, @Nullable String value) {
		if (value != null) {
			details.put(key, value);
		}
	}

	/** A text a person gave, stripped, or {@code null} when it is absent or blank. */
	public static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	public Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
