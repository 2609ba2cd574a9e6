package io.feedbackloop.notification.web;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer of this service as a problem. The framework's own (404, 405, ...) and
 * {@link org.springframework.web.ErrorResponseException}s come through
 * {@link ResponseEntityExceptionHandler}; those without a type get one derived from their status.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	static final String BASE = "https://feedbackloop.io/problems/";

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error answering {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be processed because of an error on our side.");
		problem.setType(URI.create(BASE + "internal-error"));
		problem.setTitle("Internal error");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem;
		if (body instanceof ProblemDetail detail) {
			problem = detail;
		}
		else if (body == null && ex instanceof ErrorResponse response) {
			// The framework hands ErrorResponseExceptions over without a body; theirs is the problem.
			problem = response.getBody();
		}
		else {
			problem = ProblemDetail.forStatus(statusCode);
		}
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(URI.create(BASE + kindOf(statusCode)));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private static String kindOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null || known == HttpStatus.INTERNAL_SERVER_ERROR) {
			return status.is5xxServerError() ? "internal-error" : "bad-request";
		}
		return known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

}
