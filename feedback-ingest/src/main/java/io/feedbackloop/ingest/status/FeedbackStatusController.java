package io.feedbackloop.ingest.status;

import io.feedbackloop.ingest.security.ApiClient;
import io.swagger.v3.oas.annotations.Parameter;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/feedback/{id}}: where a feedback record stands. */
@RestController
class FeedbackStatusController {

	private final FeedbackStatusStore statuses;

	FeedbackStatusController(FeedbackStatusStore statuses) {
		this.statuses = statuses;
	}

	/** Only the channel system that sent a record reads its status; for any other it is not found. */
	@GetMapping("/api/v1/feedback/{id}")
	FeedbackStatus status(@PathVariable String id,
			@Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
		return this.statuses.findFor(id, client).orElseThrow(() -> new FeedbackNotFoundException(id));
	}

}
