package io.feedbackloop.ingest.status;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/feedback/{id}}: where a feedback record stands. */
@RestController
class FeedbackStatusController {

	private final FeedbackStatusStore statuses;

	FeedbackStatusController(FeedbackStatusStore statuses) {
		this.statuses = statuses;
	}

	@GetMapping("/api/v1/feedback/{id}")
	FeedbackStatus status(@PathVariable String id) {
		return this.statuses.find(id).orElseThrow(() -> new FeedbackNotFoundException(id));
	}

}
