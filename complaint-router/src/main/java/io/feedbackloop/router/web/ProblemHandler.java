package io.feedbackloop.router.web;

import java.util.List;

import io.feedbackloop.contracts.JsonPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer of this service, as {@code application/problem+json}. The framework's own
 * exceptions (404 for unknown paths, 405, 415...) come through {@link ResponseEntityExceptionHandler}
 * and get a type URI derived from their status. No stack traces, no class names.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ApiProblemException.class)
	@Nullable ResponseEntity<Object> apiProblem(ApiProblemException ex, WebRequest request) {
		return handleExceptionInternal(ex, ex.problem(), new HttpHeaders(), ex.status(), request);
	}

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error answering {}", describe(request), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be processed because of an error on our side.");
		problem.setType(ProblemTypes.uri("internal-error"));
		problem.setTitle("Internal error");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
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

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			String kind = (status != null) ? status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
					: "http-" + statusCode.value();
			problem.setType(ProblemTypes.uri(kind));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
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

	private static String describe(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return (servlet != null) ? servlet.getMethod() + " " + servlet.getRequestURI() : request.getDescription(false);
	}

}
