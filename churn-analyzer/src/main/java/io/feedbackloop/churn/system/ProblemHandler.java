package io.feedbackloop.churn.system;

import java.net.URI;
import java.util.List;

import io.feedbackloop.platform.PublishFailedException;
import io.feedbackloop.platform.web.ProblemAdvice;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Turns the service's exceptions into RFC 9457 problems (application/problem+json), beside what
 * {@link ProblemAdvice} answers for every service.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemAdvice {

	static final URI NOT_FOUND = type("not-found");

	static final URI VALIDATION_FAILED = type("validation-failed");

	static final URI INVALID_JSON = type("invalid-json");

	static final URI IDEMPOTENCY_KEY_REUSED = type("idempotency-key-reused");

	static final URI REQUEST_IN_PROGRESS = type("request-in-progress");

	static final URI BROKER_UNAVAILABLE = type("broker-unavailable");

	/** How long a client waits before sending again a record Kafka did not confirm. */
	static final long BROKER_RETRY_AFTER_SECONDS = 30;

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setType(NOT_FOUND);
		problem.setTitle("Not found");
		return problem;
	}

	@ExceptionHandler(ValidationException.class)
	ProblemDetail invalid(ValidationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The record has invalid fields; see errors.");
		problem.setType(VALIDATION_FAILED);
		problem.setTitle("Validation failed");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	@ExceptionHandler(IdempotencyKeyReusedException.class)
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A different record was already "
				+ "submitted with this " + ex.field() + "; a repeat must be identical to the original.");
		problem.setType(IDEMPOTENCY_KEY_REUSED);
		problem.setTitle("Idempotency key reused");
		problem.setProperty("errors",
				List.of(ValidationException.fieldError(ex.field(), "was used before for a record with different content")));
		return problem;
	}

	@ExceptionHandler(RequestInProgressException.class)
	ResponseEntity<ProblemDetail> inProgress(RequestInProgressException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A request with this "
				+ ex.field() + " is being recorded at this moment; send it again after Retry-After seconds to get "
				+ "its result.");
		problem.setType(REQUEST_IN_PROGRESS);
		problem.setTitle("Request in progress");
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem);
	}

	@ExceptionHandler(PublishFailedException.class)
	ResponseEntity<ProblemDetail> brokerUnavailable(PublishFailedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Kafka did not confirm the record in time, so it may not have been recorded; send it again later "
						+ "with the same Idempotency-Key (without one, sending it again may record it twice).");
		problem.setType(BROKER_UNAVAILABLE);
		problem.setTitle("Broker unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(BROKER_RETRY_AFTER_SECONDS))
			.body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not a JSON object of the expected shape.");
		problem.setType(INVALID_JSON);
		problem.setTitle("Invalid JSON");
		problem.setProperty("errors", List.of(ValidationException.fieldError("body", "is not valid JSON")));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

}
