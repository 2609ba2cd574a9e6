package io.feedbackloop.notification.channel;

import java.time.Duration;
import java.util.Set;

import io.feedbackloop.platform.web.ProblemAdvice;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * What every HTTP provider (SMS gateway, staff webhooks, feedback-ingest) shares: a client with
 * timeouts, and one rule for telling a refused message from a provider that is unavailable.
 */
public final class HttpProviders {

	// Refusals of the message itself are permanent. 401/403 (our credentials), 408 and 429 (slow
	// down) are ours to fix or passing, so they are retried like a 5xx. So is a 409 that says "later"
	// (see isConflictToRetry).
	private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(401, 403, 408, 429);

	private static final int CONFLICT = 409;

	/** feedback-ingest: a request with the same Idempotency-Key is being published; send it again later. */
	static final String REQUEST_IN_PROGRESS = ProblemAdvice.TYPE_BASE + "request-in-progress";

	/** feedback-ingest: the Idempotency-Key was used for other content; sending it again cannot help. */
	static final String IDEMPOTENCY_KEY_REUSED = ProblemAdvice.TYPE_BASE + "idempotency-key-reused";

	private static final String RETRY_AFTER = "Retry-After";

	private static final int MAX_REASON_LENGTH = 200;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private HttpProviders() {
	}

	/**
	 * A client from Boot's builder (JSON converters, the {@code http.client.requests} observation)
	 * with the given timeouts; a timeout counts as a temporary failure.
	 */
	public static RestClient client(RestClient.Builder builder, Duration connectTimeout, Duration readTimeout) {
		return builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout)))
			.build();
	}

	/**
	 * The delivery failure a client error stands for.
	 * @param provider names the provider in the reason, such as {@code SMS gateway}
	 * @return a {@link PermanentDeliveryException} (kind {@code rejected}) for a refusal of the message,
	 * a {@link TemporaryDeliveryException} otherwise: a {@link RetryAfterException} when the answer
	 * says when to try again ({@code Retry-After} in seconds)
	 */
	public static RuntimeException failure(String provider, RestClientException ex) {
		if (ex instanceof HttpStatusCodeException status) {
			int code = status.getStatusCode().value();
			if (status.getStatusCode().is4xxClientError() && !RETRYABLE_CLIENT_ERRORS.contains(code)
					&& !isConflictToRetry(status)) {
				return new PermanentDeliveryException("rejected",
						provider + " refused the message (" + code + "): " + errorOf(status));
			}
			String reason = provider + " answered " + code + ": " + errorOf(status);
			Duration retryAfter = retryAfter(status);
			return (retryAfter != null) ? new RetryAfterException(reason, retryAfter, ex)
					: new TemporaryDeliveryException(reason, ex);
		}
		if (ex instanceof ResourceAccessException) {
			return new TemporaryDeliveryException(provider + " not reachable: " + describe(ex), ex);
		}
		return new TemporaryDeliveryException(provider + " answer not readable: " + describe(ex), ex);
	}

	/**
	 * A 409 that means "not now" rather than "not this": feedback-ingest's {@code request-in-progress}
	 * (another request with the same key is being published), or any 409 carrying {@code Retry-After}.
	 * feedback-ingest's {@code idempotency-key-reused} stays a refusal.
	 */
	private static boolean isConflictToRetry(HttpStatusCodeException ex) {
		if (ex.getStatusCode().value() != CONFLICT) {
			return false;
		}
		String type = problemType(ex);
		if (IDEMPOTENCY_KEY_REUSED.equals(type)) {
			return false;
		}
		return REQUEST_IN_PROGRESS.equals(type) || hasRetryAfter(ex);
	}

	private static boolean hasRetryAfter(HttpStatusCodeException ex) {
		HttpHeaders headers = ex.getResponseHeaders();
		return headers != null && headers.getFirst(RETRY_AFTER) != null;
	}

	/** {@code Retry-After} in seconds (the form our providers use); null when absent or an HTTP date. */
	private static @Nullable Duration retryAfter(HttpStatusCodeException ex) {
		HttpHeaders headers = ex.getResponseHeaders();
		String value = (headers != null) ? headers.getFirst(RETRY_AFTER) : null;
		if (value == null || !value.trim().matches("\\d{1,9}")) {
			return null;
		}
		return Duration.ofSeconds(Long.parseLong(value.trim()));
	}

	/** The {@code type} of a problem+json answer, or null. */
	private static @Nullable String problemType(HttpStatusCodeException ex) {
		try {
			JsonNode node = JSON.readTree(ex.getResponseBodyAsString());
			return (node != null && node.path("type").isString()) ? node.path("type").asString() : null;
		}
		catch (JacksonException notJson) {
			return null;
		}
	}

	private static String describe(RestClientException ex) {
		return Recipients.redact(String.valueOf(ex.getMessage()));
	}

	/** The {@code error} (or problem {@code detail}) of a JSON answer, else its text; shortened, redacted. */
	private static String errorOf(HttpStatusCodeException ex) {
		String body = ex.getResponseBodyAsString();
		String error;
		try {
			JsonNode node = JSON.readTree(body);
			if (node != null && node.path("error").isString()) {
				error = node.path("error").asString();
			}
			else if (node != null && node.path("detail").isString()) {
				error = node.path("detail").asString();
			}
			else {
				error = body;
			}
		}
		catch (JacksonException notJson) {
			error = body;
		}
		if (error.isBlank()) {
			error = ex.getStatusText();
		}
		error = Recipients.redact(error);
		return (error.length() > MAX_REASON_LENGTH) ? error.substring(0, MAX_REASON_LENGTH) + "…" : error;
	}

}
