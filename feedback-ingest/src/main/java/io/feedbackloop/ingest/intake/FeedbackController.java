package io.feedbackloop.ingest.intake;

import java.net.URI;

import io.feedbackloop.ingest.security.ApiClient;
import io.feedbackloop.ingest.security.RequestSignatures;
import io.feedbackloop.ingest.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/feedback}: 202 means the record is safe in Kafka; 200 that it was already. */
@RestController
class FeedbackController {

	static final String IDEMPOTENCY_KEY = RequestSignatures.IDEMPOTENCY_KEY;

	private final FeedbackValidator validator;

	private final IntakeService intake;

	FeedbackController(FeedbackValidator validator, IntakeService intake) {
		this.validator = validator;
		this.intake = intake;
	}

	@Operation(summary = "Submit one piece of feedback / 提交一条客户反馈", description = ApiDocs.SUBMIT,
			responses = {
					@ApiResponse(responseCode = "202",
							description = "Accepted: the record is in Kafka (acks=all) / 已受理：记录已安全写入 Kafka"),
					@ApiResponse(responseCode = "200",
							description = "A repeat of an accepted record: the original feedback id / 重复提交：返回原反馈编号"),
					@ApiResponse(responseCode = "400", description = ApiDocs.R400, content = @Content(
							mediaType = "application/problem+json",
							examples = @ExampleObject(name = "validation-failed", value = ApiDocs.PROBLEM_EXAMPLE))),
					@ApiResponse(responseCode = "401", description = ApiDocs.R401),
					@ApiResponse(responseCode = "403", description = ApiDocs.R403),
					@ApiResponse(responseCode = "409", description = ApiDocs.R409),
					@ApiResponse(responseCode = "413", description = ApiDocs.R413),
					@ApiResponse(responseCode = "429", description = ApiDocs.R429),
					@ApiResponse(responseCode = "503", description = ApiDocs.R503) })
	@PostMapping(path = "/api/v1/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AcceptedFeedback> submit(
			@io.swagger.v3.oas.annotations.parameters.RequestBody(description = ApiDocs.BODY, content = @Content(
					mediaType = "application/json",
					examples = { @ExampleObject(name = "phone", summary = "Call centre / 客服热线", value = ApiDocs.PHONE),
							@ExampleObject(name = "sms", summary = "SMS / 短信", value = ApiDocs.SMS),
							@ExampleObject(name = "web", summary = "Web form / 网厅", value = ApiDocs.WEB),
							@ExampleObject(name = "app", summary = "Mobile app / 掌厅", value = ApiDocs.APP) })) @RequestBody FeedbackSubmission submission,
			@Parameter(description = ApiDocs.IDEMPOTENCY_KEY) @RequestHeader(name = IDEMPOTENCY_KEY,
					required = false) @Nullable String idempotencyKey,
			@Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
		String key = IdempotencyKeys.checked(idempotencyKey, IDEMPOTENCY_KEY);
		AcceptedFeedback accepted = this.intake.accept(client, this.validator.validate(submission), key);
		return ResponseEntity.status(accepted.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/feedback/" + accepted.feedbackId()))
			.body(accepted);
	}

}
