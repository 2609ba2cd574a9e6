package io.feedbackloop.router.triage;

import java.util.List;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.web.ExpectedVersion;
import io.feedbackloop.router.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The manual triage queue and classification corrections. */
@RestController
class TriageController {

	private static final int MAX_LIMIT = 500;

	private final CaseStore cases;

	private final ClassificationCorrections corrections;

	TriageController(CaseStore cases, ClassificationCorrections corrections) {
		this.cases = cases;
		this.corrections = corrections;
	}

	/** Cases waiting for a person to decide their kind and category, oldest first. */
	@GetMapping("/api/v1/triage")
	List<ComplaintCase> queue(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw InvalidRequestException.of("limit", "must be between 1 and " + MAX_LIMIT);
		}
		return this.cases.list(null, CaseStatus.TRIAGE, null, limit);
	}

	@PutMapping("/api/v1/cases/{caseId}/classification")
	ResponseEntity<ComplaintCase> correct(@PathVariable String caseId, @RequestBody CorrectionRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			Authentication user) {
		long expected = ExpectedVersion.of(ifMatch, request.version());
		ComplaintCase corrected = this.corrections.correct(new CaseId(caseId), expected,
				new Correction(request.kind(), request.category(), request.severity(), request.note(),
						request.assignee()),
				Actor.of(user));
		return ResponseEntity.ok().eTag(ExpectedVersion.etag(corrected.version())).body(corrected);
	}

	/** See {@link Correction}; {@code version} when not sent as If-Match. */
	record CorrectionRequest(@Nullable String kind, @Nullable String category, @Nullable String severity,
			@Nullable String note, @Nullable String assignee, @Nullable Long version) {

	}

}
