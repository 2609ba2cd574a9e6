package io.feedbackloop.platform.web;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What every service's error answers have in common, as {@code application/problem+json} (RFC 9457): the
 * framework's own exceptions (404 for unknown paths, 405, 406, 415...) come through
 * {@link ResponseEntityExceptionHandler} and get a type URI derived from their status; anything unexpected is a
 * {@code 500} of type {@code internal-error}, logged, with no stack trace, class name or echo of the request's
 * data in the answer. A service's advice extends it with the problems of its own exceptions.
 * <p>
 * Being a {@link ResponseEntityExceptionHandler}, it also keeps Spring Boot's own problem-details handler
 * ({@code spring.mvc.problemdetails.enabled}) from being created, which would otherwise answer unreadable bodies
 * before the service's handler could.
 */
public abstract class ProblemAdvice extends ResponseEntityExceptionHandler {

	/** Every problem type is {@code https://feedbackloop.io/problems/<kind>}. */
	public static final String TYPE_BASE = "https://feedbackloop.io/problems/";

	/** The kind of an error on the service's side. */
	public static final String INTERNAL_ERROR = "internal-error";

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	public static URI type(String kind) {
		return URI.create(TYPE_BASE + kind);
	}

	/** The kind of a problem the framework raised (405, 415, ...): its status, spelled as a slug. */
	public static String kindOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null || known == HttpStatus.INTERNAL_SERVER_ERROR) {
			return status.is5xxServerError() ? INTERNAL_ERROR : "bad-request";
		}
		return known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

	/** The kind of a problem: the last segment of its type URI. */
	public static String kindOf(URI type) {
		String text = type.toString();
		return text.startsWith(TYPE_BASE) ? text.substring(TYPE_BASE.length()) : text;
	}

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error answering {}", describe(request), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be processed because of an error on our side.");
		problem.setType(type(INTERNAL_ERROR));
		problem.setTitle("Internal error");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/** The one exit of every handler: a problem body, with a type URI where the framework left none. */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem;
		if (body instanceof ProblemDetail detail) {
			problem = detail;
		}
		else if (body == null && ex instanceof ErrorResponse response) {
			// the framework hands ErrorResponseExceptions over without a body: theirs is the problem
			problem = response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
		}
		else {
			problem = ProblemDetail.forStatus(statusCode);
		}
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(type(kindOf(statusCode)));
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	/** {@code POST /api/v1/...}: the request a problem answers, for the log. */
	protected static String describe(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return (servlet != null) ? servlet.getMethod() + " " + servlet.getRequestURI() : request.getDescription(false);
	}

}
