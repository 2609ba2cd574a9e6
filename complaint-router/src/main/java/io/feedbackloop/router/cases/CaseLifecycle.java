package io.feedbackloop.router.cases;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.feedbackloop.contracts.CaseStatus;

import static io.feedbackloop.contracts.CaseStatus.ASSIGNED;
import static io.feedbackloop.contracts.CaseStatus.CLOSED;
import static io.feedbackloop.contracts.CaseStatus.INVALID;
import static io.feedbackloop.contracts.CaseStatus.INVESTIGATING;
import static io.feedbackloop.contracts.CaseStatus.RECEIVED;
import static io.feedbackloop.contracts.CaseStatus.REMEDY_APPROVED;
import static io.feedbackloop.contracts.CaseStatus.REMEDY_CARRIED_OUT;
import static io.feedbackloop.contracts.CaseStatus.REMEDY_PROPOSED;
import static io.feedbackloop.contracts.CaseStatus.REOPENED;
import static io.feedbackloop.contracts.CaseStatus.TRIAGE;
import static io.feedbackloop.contracts.CaseStatus.WAITING_FOR_CUSTOMER;

/**
 * The complaint process (投诉处理程序) as a transition table: which status may follow which, and who
 * may make the step. Everything not listed is illegal.
 *
 * <pre>
 * triage ──(a person sets kind/category)──▶ assigned        triage ──▶ invalid
 * received ──▶ assigned | invalid (with a polite explanation)
 * assigned ──▶ investigating ──▶ remedy-proposed ──(supervisor)──▶ remedy-approved
 *                                remedy-proposed ──(supervisor rejects)──▶ investigating
 * remedy-approved ──(carried out, customer told)──▶ remedy-carried-out
 * remedy-carried-out ──(customer confirms, or silence)──▶ closed;  ──(not satisfied)──▶ investigating
 * closed | invalid ──▶ reopened ──▶ assigned | investigating
 * working status ⇄ waiting-for-customer (a pause; it resumes to the status it paused)
 * </pre>
 */
public final class CaseLifecycle {

	/** Who may make a step. */
	public enum Who {

		/** agents and supervisors */
		STAFF,
		/** supervisors only */
		SUPERVISOR,
		/**
		 * agents and supervisors, or the service itself: the silence timer closes, and a customer's complaint about
		 * the matter resumes a case waiting for them or, after the remedy, takes it back to investigating
		 */
		STAFF_OR_SYSTEM,
		/** a person setting the classification (PUT .../classification), not a plain transition */
		CLASSIFICATION

	}

	/** The statuses a case may pause from, and resumes to. */
	public static final Set<CaseStatus> PAUSABLE = Collections
		.unmodifiableSet(EnumSet.of(RECEIVED, ASSIGNED, INVESTIGATING, REMEDY_PROPOSED, REMEDY_APPROVED, REOPENED));

	/** The statuses in which nothing more happens unless the case is reopened. */
	public static final Set<CaseStatus> ENDED = Collections.unmodifiableSet(EnumSet.of(CLOSED, INVALID));

	private static final Map<CaseStatus, Map<CaseStatus, Who>> TABLE = new EnumMap<>(CaseStatus.class);

	static {
		allow(TRIAGE, ASSIGNED, Who.CLASSIFICATION);
		allow(TRIAGE, INVALID, Who.STAFF);
		allow(RECEIVED, ASSIGNED, Who.STAFF);
		allow(RECEIVED, INVALID, Who.STAFF);
		allow(ASSIGNED, INVESTIGATING, Who.STAFF);
		allow(INVESTIGATING, REMEDY_PROPOSED, Who.STAFF);
		allow(REMEDY_PROPOSED, REMEDY_APPROVED, Who.SUPERVISOR);
		allow(REMEDY_PROPOSED, INVESTIGATING, Who.SUPERVISOR);
		allow(REMEDY_APPROVED, REMEDY_CARRIED_OUT, Who.STAFF);
		allow(REMEDY_CARRIED_OUT, CLOSED, Who.STAFF_OR_SYSTEM);
		allow(REMEDY_CARRIED_OUT, INVESTIGATING, Who.STAFF_OR_SYSTEM);
		allow(CLOSED, REOPENED, Who.STAFF);
		allow(INVALID, REOPENED, Who.STAFF);
		allow(REOPENED, ASSIGNED, Who.STAFF);
		allow(REOPENED, INVESTIGATING, Who.STAFF);
		for (CaseStatus working : PAUSABLE) {
			allow(working, WAITING_FOR_CUSTOMER, Who.STAFF);
			allow(WAITING_FOR_CUSTOMER, working, Who.STAFF_OR_SYSTEM);
		}
	}

	private CaseLifecycle() {
	}

	private static void allow(CaseStatus from, CaseStatus to, Who who) {
		TABLE.computeIfAbsent(from, (status) -> new EnumMap<>(CaseStatus.class)).put(to, who);
	}

	/** The statuses that may follow {@code from}, in the order of {@link CaseStatus}. */
	public static Set<CaseStatus> next(CaseStatus from) {
		Map<CaseStatus, Who> next = TABLE.get(from);
		return (next != null) ? Collections.unmodifiableSet(EnumSet.copyOf(next.keySet()))
				: Collections.unmodifiableSet(EnumSet.noneOf(CaseStatus.class));
	}

	public static boolean isLegal(CaseStatus from, CaseStatus to) {
		return next(from).contains(to);
	}

	/** Who may move a case from {@code from} to {@code to}; only for legal steps. */
	public static Who who(CaseStatus from, CaseStatus to) {
		Map<CaseStatus, Who> next = TABLE.get(from);
		if (next == null || !next.containsKey(to)) {
			throw new IllegalArgumentException(from.wireName() + " -> " + to.wireName() + " is not a legal transition");
		}
		return next.get(to);
	}

	public static boolean isOpen(CaseStatus status) {
		return !ENDED.contains(status);
	}

}
