package io.feedbackloop.ingest.intake;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/feedback}: 202 means the record is safe in Kafka. */
@RestController
class FeedbackController {

	private final FeedbackValidator validator;

	private final IntakeService intake;

	FeedbackController(FeedbackValidator validator, IntakeService intake) {
		this.validator = validator;
		this.intake = intake;
	}

	@PostMapping(path = "/api/v1/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AcceptedFeedback> submit(@RequestBody FeedbackSubmission submission) {
		AcceptedFeedback accepted = this.intake.accept(this.validator.validate(submission));
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/feedback/" + accepted.feedbackId()))
			.body(accepted);
	}

}
