package io.feedbackloop.ingest.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.feedbackloop.contracts.JsonPaths;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.idempotency.IdempotencyStoreException;
import io.feedbackloop.ingest.intake.IdempotencyConflictException;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * How each of this service's refusals is told, in one place: the whole request's answer (through
 * {@link ProblemHandler}) and a batch item's result are the same problem.
 */
@Component
public class Problems {

	static final String BODY = "body";

	private final IngestProperties properties;

	Problems(IngestProperties properties) {
		this.properties = properties;
	}

	/**
	 * A problem and, for those worth retrying, how many seconds to wait.
	 * @param retryAfterSeconds the {@code Retry-After}, or null when a retry would not help
	 */
	public record Rendered(ProblemDetail problem, @Nullable Long retryAfterSeconds) {

		public int status() {
			return this.problem.getStatus();
		}

		public String kind() {
			return ProblemAdvice.kindOf(this.problem.getType());
		}

	}

	/** The problem of one of this service's exceptions; empty for anything else (a real fault). */
	public Optional<Rendered> of(Throwable ex) {
		if (ex instanceof InvalidFeedbackException invalid) {
			ProblemDetail problem = invalid(invalid.errors()
				.stream()
				.map((error) -> fieldError(error.field(), error.message()))
				.toList());
			if (invalid.detail() != null) {
				problem.setDetail(invalid.detail());
			}
			return Optional.of(new Rendered(problem, null));
		}
		if (ex instanceof ChannelNotAllowedException forbidden) {
			ProblemDetail problem = problem(HttpStatus.FORBIDDEN, ProblemTypes.CHANNEL_NOT_ALLOWED,
					"Channel not allowed", "This client is not registered to post for channel "
							+ forbidden.channel().wireName() + ".");
			problem.setProperty("errors", List.of(fieldError("channel", "is not a channel this client may post for")));
			return Optional.of(new Rendered(problem, null));
		}
		if (ex instanceof IdempotencyConflictException conflict) {
			ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
					"Idempotency key reused", "A different record was already submitted with this "
							+ conflict.field() + "; a repeat must be identical to the original.");
			problem.setProperty("errors",
					List.of(fieldError(conflict.field(), "was used before for a record with different content")));
			return Optional.of(new Rendered(problem, null));
		}
		if (ex instanceof RequestInProgressException inProgress) {
			return Optional.of(new Rendered(problem(HttpStatus.CONFLICT, ProblemTypes.REQUEST_IN_PROGRESS,
					"Request in progress",
					"A request with the same idempotency key is still being processed; send it again shortly."),
					inProgress.retryAfterSeconds()));
		}
		if (ex instanceof PublishFailedException) {
			return Optional.of(new Rendered(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BROKER_UNAVAILABLE,
					"Broker unavailable",
					"The feedback could not be stored safely and was not accepted; send it again later."),
					retryAfter()));
		}
		if (ex instanceof IdempotencyStoreException) {
			return Optional.of(new Rendered(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.STORE_UNAVAILABLE,
					"Store unavailable",
					"The feedback could not be checked for repeats and was not accepted; send it again later."),
					retryAfter()));
		}
		if (ex instanceof StatusStoreUnavailableException) {
			return Optional.of(new Rendered(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.STORE_UNAVAILABLE,
					"Store unavailable", "The feedback status could not be read; ask again later."), retryAfter()));
		}
		if (ex instanceof UnauthenticatedException) {
			return Optional.of(new Rendered(problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
					"Unauthenticated", ex.getMessage()), null));
		}
		if (ex instanceof SignatureRejectedException rejected) {
			return Optional.of(new Rendered(rejected.expired()
					? problem(HttpStatus.UNAUTHORIZED, ProblemTypes.SIGNATURE_EXPIRED, "Signature expired",
							rejected.getMessage())
					: problem(HttpStatus.UNAUTHORIZED, ProblemTypes.SIGNATURE_INVALID, "Signature invalid",
							rejected.getMessage()),
					null));
		}
		if (ex instanceof RateLimitedException limited) {
			return Optional.of(new Rendered(problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED,
					"Rate limit exceeded", "This client sent more than its rate allows; wait for Retry-After seconds."),
					limited.retryAfterSeconds()));
		}
		if (ex instanceof FeedbackNotFoundException notFound) {
			return Optional.of(new Rendered(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Feedback not found",
					"There is no feedback record " + notFound.feedbackId() + "."), null));
		}
		return Optional.empty();
	}

	/** A request or batch item whose JSON could not be read, or did not have the expected types. */
	public ProblemDetail unreadable(Throwable ex) {
		PayloadTooLargeException tooLarge = cause(ex, PayloadTooLargeException.class);
		if (tooLarge != null) {
			return tooLarge(tooLarge.limit());
		}
		StreamReadException syntax = cause(ex, StreamReadException.class);
		MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
		if (syntax == null && mismatch != null && !mismatch.getPath().isEmpty()) {
			return invalid(List.of(fieldError(path(mismatch), "has the wrong JSON type")));
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

	/** 413 payload-too-large: a body, or a batch's record, of more than {@code limit} bytes. */
	public ProblemDetail tooLarge(long limit) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
				"Payload too large", "The request body is larger than " + limit + " bytes.");
		problem.setProperty("errors", List.of(fieldError(BODY, "exceeds " + limit + " bytes")));
		return problem;
	}

	/** 400 validation-failed with the given {@code errors}. */
	public ProblemDetail invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed",
				"The feedback record has invalid fields; see errors.");
		problem.setProperty("errors", errors);
		return problem;
	}

	static ProblemDetail problem(HttpStatus status, String kind, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.uri(kind));
		problem.setTitle(title);
		return problem;
	}

	public static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	private long retryAfter() {
		return Math.max(1, this.properties.retryAfter().toSeconds());
	}

	private static String path(JacksonException ex) {
		String path = JsonPaths.of(ex);
		return path.isEmpty() ? BODY : path;
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

}
