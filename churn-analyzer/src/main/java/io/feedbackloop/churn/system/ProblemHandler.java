package io.feedbackloop.churn.system;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the service's exceptions into RFC 9457 problems (application/problem+json). */
@RestControllerAdvice
class ProblemHandler {

	static final URI NOT_FOUND = URI.create("https://feedbackloop.io/problems/not-found");

	static final URI VALIDATION_FAILED = URI.create("https://feedbackloop.io/problems/validation-failed");

	static final URI INVALID_JSON = URI.create("https://feedbackloop.io/problems/invalid-json");

	static final URI IDEMPOTENCY_KEY_REUSED = URI.create("https://feedbackloop.io/problems/idempotency-key-reused");

	static final URI REQUEST_IN_PROGRESS = URI.create("https://feedbackloop.io/problems/request-in-progress");

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

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not a JSON object of the expected shape.");
		problem.setType(INVALID_JSON);
		problem.setTitle("Invalid JSON");
		problem.setProperty("errors", List.of(ValidationException.fieldError("body", "is not valid JSON")));
		return problem;
	}

}
