package io.feedbackloop.router.cases;

import java.util.Map;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.router.web.ApiProblemException;

import org.springframework.http.HttpStatus;

/** A change that only an open case takes, asked of a closed or invalid one: {@code 409}. */
public class CaseEndedException extends ApiProblemException {

	public CaseEndedException(CaseId caseId, CaseStatus current, String action) {
		super(HttpStatus.CONFLICT, "case-ended", "Case ended",
				"Case " + caseId.value() + " is " + current.wireName() + ": reopen it before you " + action + ".",
				Map.of("currentStatus", current.wireName()));
	}

}
