package io.feedbackloop.ingest.web;

import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.intake.IntakeMetrics;
import io.feedbackloop.ingest.intake.InvalidFeedbackException;
import io.feedbackloop.ingest.status.FeedbackNotFoundException;
import io.feedbackloop.platform.PublishFailedException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer of this service, as {@code application/problem+json}. The framework's own
 * exceptions (405, 406, 415, unknown paths...) come through {@link ResponseEntityExceptionHandler}
 * and get a type URI derived from their status. Details are written for the caller: no stack
 * traces, no class names, no echo of the customer's data.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private static final String INTAKE_PATH = "/api/v1/feedback";

	private static final String BODY = "body";

	private final IntakeMetrics intakeMetrics;

	private final IngestProperties properties;

	ProblemHandler(IntakeMetrics intakeMetrics, IngestProperties properties) {
		this.intakeMetrics = intakeMetrics;
		this.properties = properties;
	}

	@ExceptionHandler(InvalidFeedbackException.class)
	@Nullable ResponseEntity<Object> invalidFeedback(InvalidFeedbackException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed",
				"The feedback record has invalid fields; see errors.");
		problem.setProperty("errors", ex.errors()
			.stream()
			.map((error) -> fieldError(error.field(), error.message()))
			.toList());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(PublishFailedException.class)
	@Nullable ResponseEntity<Object> brokerUnavailable(PublishFailedException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BROKER_UNAVAILABLE,
				"Broker unavailable",
				"The feedback could not be stored safely and was not accepted; send it again later.");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, this.properties.retryAfter().toSeconds())));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(FeedbackNotFoundException.class)
	@Nullable ResponseEntity<Object> notFound(FeedbackNotFoundException ex, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Feedback not found",
				"There is no feedback record " + ex.feedbackId() + ".");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
	}

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error answering {}", describe(request), ex);
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR,
				"Internal error", "The request could not be processed because of an error on our side.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = unreadable(ex);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		PayloadTooLargeException tooLarge = cause(ex, PayloadTooLargeException.class);
		if (tooLarge != null) {
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.PAYLOAD_TOO_LARGE,
					"Payload too large", "The request body is larger than " + tooLarge.limit() + " bytes.");
			problem.setProperty("errors", List.of(fieldError(BODY, "exceeds " + tooLarge.limit() + " bytes")));
			return problem;
		}
		StreamReadException syntax = cause(ex, StreamReadException.class);
		MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
		if (syntax == null && mismatch != null && !mismatch.getPath().isEmpty()) {
			String field = path(mismatch);
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED,
					"Validation failed", "The feedback record has invalid fields; see errors.");
			problem.setProperty("errors", List.of(fieldError(field, "has the wrong JSON type")));
			return problem;
		}
		String message;
		if (syntax != null && syntax.getLocation() != null) {
			message = "is not valid JSON (line " + syntax.getLocation().getLineNr() + ", column "
					+ syntax.getLocation().getColumnNr() + ")";
		}
		else if (mismatch != null) {
			message = "must be a JSON object";
		}
		else {
			message = "is missing or not readable as JSON";
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_JSON, "Invalid JSON",
				"The request body " + message + ".");
		problem.setProperty("errors", List.of(fieldError(BODY, message)));
		return problem;
	}

	/**
	 * The one exit of every handler: gives framework problems a type URI, makes sure no detail is
	 * left to chance, and counts refused submissions.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail
				: ProblemDetail.forStatus(statusCode);
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(ProblemTypes.uri(ProblemTypes.kindOf(statusCode)));
		}
		if (statusCode.is4xxClientError() && isIntake(request)) {
			Channel channel = (ex instanceof InvalidFeedbackException invalid) ? invalid.channel() : null;
			this.intakeMetrics.rejected(channel, ProblemTypes.kindOf(problem.getType()));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private static ProblemDetail problem(HttpStatus status, String kind, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.uri(kind));
		problem.setTitle(title);
		return problem;
	}

	private static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? BODY : path.toString();
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	private static boolean isIntake(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return servlet != null && HttpMethod.POST.matches(servlet.getMethod())
				&& INTAKE_PATH.equals(servlet.getRequestURI());
	}

	private static String describe(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return (servlet != null) ? servlet.getMethod() + " " + servlet.getRequestURI() : request.getDescription(false);
	}

}
