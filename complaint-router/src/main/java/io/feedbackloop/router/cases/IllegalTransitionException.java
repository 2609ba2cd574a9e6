package io.feedbackloop.router.cases;

import java.util.Collection;
import java.util.Map;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.router.web.ApiProblemException;

import org.springframework.http.HttpStatus;

/** A step the complaint process does not allow from the case's current status: {@code 409}. */
public class IllegalTransitionException extends ApiProblemException {

	private final CaseStatus current;

	IllegalTransitionException(CaseId caseId, CaseStatus current, CaseStatus requested, String why) {
		this(caseId, current, requested, why, CaseLifecycle.next(current));
	}

	/** @param allowed the statuses the case may go to now ({@code allowed} in the problem) */
	IllegalTransitionException(CaseId caseId, CaseStatus current, CaseStatus requested, String why,
			Collection<CaseStatus> allowed) {
		super(HttpStatus.CONFLICT, "illegal-transition", "Illegal transition",
				"Case " + caseId.value() + " is " + current.wireName() + " and cannot go to " + requested.wireName()
						+ ": " + why,
				Map.of("currentStatus", current.wireName(), "requestedStatus", requested.wireName(), "allowed",
						allowed.stream().map(CaseStatus::wireName).toList()));
		this.current = current;
	}

	static IllegalTransitionException notInTable(CaseId caseId, CaseStatus current, CaseStatus requested) {
		return new IllegalTransitionException(caseId, current, requested,
				"from " + current.wireName() + " it can go to "
						+ CaseLifecycle.next(current).stream().map(CaseStatus::wireName).toList() + ".");
	}

	public CaseStatus current() {
		return this.current;
	}

}
