package io.feedbackloop.router.cases;

import java.util.List;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.web.ExpectedVersion;
import io.feedbackloop.router.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaint cases for agents, supervisors, analysts and CRM systems: read them (with their version as
 * ETag), move them through the complaint process, record answers to the customer. Every change names
 * the version it is based on (If-Match or {@code version}).
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

	private static final int MAX_LIMIT = 500;

	private final CaseService cases;

	private final CaseStore store;

	CaseController(CaseService cases, CaseStore store) {
		this.cases = cases;
		this.store = store;
	}

	@GetMapping("/{caseId}")
	ResponseEntity<ComplaintCase> get(@PathVariable String caseId) {
		return answer(this.cases.get(new CaseId(caseId)));
	}

	@GetMapping(params = "feedbackId")
	List<ComplaintCase> byFeedback(@RequestParam String feedbackId) {
		return this.store.findByOpeningOrLinkedFeedback(new FeedbackId(feedbackId)).stream().toList();
	}

	/** A department's queue: its cases, oldest first, optionally in one status. */
	@GetMapping
	List<ComplaintCase> list(@RequestParam(required = false) @Nullable String department,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String customerId, @RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw InvalidRequestException.of("limit", "must be between 1 and " + MAX_LIMIT);
		}
		return this.store.list(department, (status != null) ? status(status, "status") : null,
				(customerId != null && !customerId.isBlank()) ? new CustomerId(customerId.strip()) : null, limit);
	}

	@PostMapping("/{caseId}/transitions")
	ResponseEntity<ComplaintCase> transition(@PathVariable String caseId, @RequestBody TransitionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			Authentication user) {
		long expected = ExpectedVersion.of(ifMatch, request.version());
		if (request.status() == null) {
			throw InvalidRequestException.of("status", "is required: the status to move to, one of "
					+ List.of(CaseStatus.values()).stream().map(CaseStatus::wireName).toList());
		}
		Transition transition = new Transition(status(request.status(), "status"), request.note(), request.assignee(),
				request.cause(), request.responsibleParty(), request.remedy(), request.medium());
		return answer(this.cases.transition(new CaseId(caseId), expected, transition, Actor.of(user)));
	}

	@PostMapping("/{caseId}/responses")
	ResponseEntity<ComplaintCase> respond(@PathVariable String caseId, @RequestBody ResponseRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			Authentication user) {
		long expected = ExpectedVersion.of(ifMatch, request.version());
		return answer(this.cases.respond(new CaseId(caseId), expected, request.medium(), request.note(),
				Actor.of(user)));
	}

	static ResponseEntity<ComplaintCase> answer(ComplaintCase c) {
		return ResponseEntity.ok().eTag(ExpectedVersion.etag(c.version())).body(c);
	}

	private static CaseStatus status(String value, String field) {
		try {
			return CaseStatus.fromWire(value);
		}
		catch (IllegalArgumentException ex) {
			throw InvalidRequestException.of(field, ex.getMessage());
		}
	}

	/** A step of the complaint process; see {@link Transition} for what each step needs. */
	record TransitionRequest(@Nullable String status, @Nullable String note, @Nullable String assignee,
			@Nullable String cause, @Nullable String responsibleParty, @Nullable String remedy,
			@Nullable String medium, @Nullable Long version) {

	}

	/** The customer was answered: how, and what was said. */
	record ResponseRequest(@Nullable String medium, @Nullable String note, @Nullable Long version) {

	}

}
