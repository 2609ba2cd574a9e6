package io.feedbackloop.router.cases;

import java.net.URI;
import java.util.List;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.FeedbackId;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to complaint cases for agents, CRM systems and the feedback status page. */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

	private final CaseStore cases;

	CaseController(CaseStore cases) {
		this.cases = cases;
	}

	@GetMapping("/{caseId}")
	ResponseEntity<?> get(@PathVariable String caseId) {
		return this.cases.find(new CaseId(caseId))
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> notFound("No complaint case " + caseId));
	}

	@GetMapping(params = "feedbackId")
	List<ComplaintCase> byFeedback(@RequestParam String feedbackId) {
		return this.cases.findByFeedback(new FeedbackId(feedbackId)).stream().toList();
	}

	private static ResponseEntity<ProblemDetail> notFound(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
		problem.setType(URI.create("https://feedbackloop.io/problems/not-found"));
		problem.setTitle("Not found");
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

}
