package io.feedbackloop.ingest.web;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.ingest.idempotency.IdempotencyStoreException;
import io.feedbackloop.ingest.intake.IdempotencyConflictException;
import io.feedbackloop.ingest.intake.IntakeMetrics;
import io.feedbackloop.ingest.intake.InvalidFeedbackException;
import io.feedbackloop.ingest.intake.RequestInProgressException;
import io.feedbackloop.ingest.security.ChannelNotAllowedException;
import io.feedbackloop.ingest.security.RateLimitedException;
import io.feedbackloop.ingest.security.SignatureRejectedException;
import io.feedbackloop.ingest.security.UnauthenticatedException;
import io.feedbackloop.ingest.status.FeedbackNotFoundException;
import io.feedbackloop.ingest.status.StatusStoreUnavailableException;
import io.feedbackloop.platform.PublishFailedException;
import io.feedbackloop.platform.web.ProblemAdvice;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

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

/**
 * Every error answer of this service, as {@code application/problem+json}: the intake's own problems
 * ({@link Problems}) beside what {@link ProblemAdvice} answers for every service. Details are written for
 * the caller: no stack traces, no class names, no echo of the customer's data.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemAdvice {

	private static final String INTAKE_PATH = "/api/v1/feedback";

	/** Both ways in: an API key, or an HMAC-signed request. */
	private static final String CHALLENGES = "ApiKey realm=\"feedback-ingest\", header=\"X-Api-Key\", "
			+ "HMAC-SHA256 realm=\"feedback-ingest\", headers=\"X-Client-Id X-Timestamp X-Signature\"";

	private final IntakeMetrics intakeMetrics;

	private final Problems problems;

	ProblemHandler(IntakeMetrics intakeMetrics, Problems problems) {
		this.intakeMetrics = intakeMetrics;
		this.problems = problems;
	}

	@ExceptionHandler({ InvalidFeedbackException.class, ChannelNotAllowedException.class,
			IdempotencyConflictException.class, RequestInProgressException.class, PublishFailedException.class,
			IdempotencyStoreException.class, UnauthenticatedException.class, SignatureRejectedException.class,
			RateLimitedException.class, FeedbackNotFoundException.class, StatusStoreUnavailableException.class })
	@Nullable ResponseEntity<Object> refused(RuntimeException ex, WebRequest request) {
		Problems.Rendered rendered = this.problems.of(ex).orElseThrow();
		HttpHeaders headers = new HttpHeaders();
		if (rendered.retryAfterSeconds() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(rendered.retryAfterSeconds()));
		}
		if (ex instanceof UnauthenticatedException || ex instanceof SignatureRejectedException) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGES);
		}
		return handleExceptionInternal(ex, rendered.problem(), headers, HttpStatus.valueOf(rendered.status()),
				request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = this.problems.unreadable(ex);
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	/** Counts refused submissions, by the kind of their problem, on the way out of every handler. */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (statusCode.is4xxClientError() && isIntake(request) && response != null
				&& response.getBody() instanceof ProblemDetail problem && problem.getType() != null) {
			this.intakeMetrics.rejected(channel(ex), ProblemAdvice.kindOf(problem.getType()));
		}
		return response;
	}

	private static @Nullable Channel channel(Exception ex) {
		if (ex instanceof InvalidFeedbackException invalid) {
			return invalid.channel();
		}
		if (ex instanceof ChannelNotAllowedException forbidden) {
			return forbidden.channel();
		}
		return null;
	}

	private static boolean isIntake(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return servlet != null && HttpMethod.POST.matches(servlet.getMethod())
				&& servlet.getRequestURI().startsWith(INTAKE_PATH);
	}

}
