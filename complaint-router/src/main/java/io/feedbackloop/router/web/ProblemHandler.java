package io.feedbackloop.router.web;

import java.util.List;

import io.feedbackloop.contracts.JsonPaths;
import io.feedbackloop.platform.web.ProblemAdvice;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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
 * Every error answer of this service, as {@code application/problem+json}: the service's own problems, and
 * bodies it cannot read, beside what {@link ProblemAdvice} answers for every service.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemAdvice {

	@ExceptionHandler(ApiProblemException.class)
	@Nullable ResponseEntity<Object> apiProblem(ApiProblemException ex, WebRequest request) {
		return handleExceptionInternal(ex, ex.problem(), new HttpHeaders(), ex.status(), request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
		String field = "body";
		String message = "is missing or not readable as JSON";
		if (mismatch instanceof UnrecognizedPropertyException unknown) {
			// only where a body is read strictly: a misspelt property would otherwise change its meaning unseen
			field = path(unknown);
			message = "is not a known property; known: " + unknown.getKnownPropertyIds();
		}
		else if (cause(ex, StreamReadException.class) == null && mismatch != null && !mismatch.getPath().isEmpty()) {
			field = path(mismatch);
			message = "has the wrong JSON type";
		}
		else if (cause(ex, StreamReadException.class) != null) {
			message = "is not valid JSON";
		}
		ProblemDetail problem = new InvalidRequestException("The request " + field + " " + message + ".",
				List.of(new FieldError(field, message)))
			.problem();
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** Where in the body: {@code rules[0].category}, as the validators name fields. */
	private static String path(JacksonException ex) {
		String path = JsonPaths.of(ex);
		return path.isEmpty() ? "body" : path;
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
