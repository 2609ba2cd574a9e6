package io.feedbackloop.ingest.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The stable problem type URIs of this service: {@code https://feedbackloop.io/problems/<kind>}. A
 * kind never changes its meaning; clients may branch on it.
 */
public final class ProblemTypes {

	static final String BASE = "https://feedbackloop.io/problems/";

	static final String INVALID_JSON = "invalid-json";

	static final String VALIDATION_FAILED = "validation-failed";

	static final String PAYLOAD_TOO_LARGE = "payload-too-large";

	static final String UNAUTHENTICATED = "unauthenticated";

	static final String SIGNATURE_INVALID = "signature-invalid";

	static final String SIGNATURE_EXPIRED = "signature-expired";

	static final String CHANNEL_NOT_ALLOWED = "channel-not-allowed";

	static final String RATE_LIMITED = "rate-limited";

	static final String IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused";

	static final String REQUEST_IN_PROGRESS = "request-in-progress";

	static final String BROKER_UNAVAILABLE = "broker-unavailable";

	static final String STORE_UNAVAILABLE = "store-unavailable";

	static final String NOT_FOUND = "not-found";

	static final String INTERNAL_ERROR = "internal-error";

	private ProblemTypes() {
	}

	static URI uri(String kind) {
		return URI.create(BASE + kind);
	}

	/** The kind of a problem the framework raised (405, 415, ...): its status, spelled as a slug. */
	static String kindOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return status.is5xxServerError() ? INTERNAL_ERROR : "bad-request";
		}
		if (known == HttpStatus.INTERNAL_SERVER_ERROR) {
			return INTERNAL_ERROR;
		}
		return known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

	/** The kind of a problem: the last segment of its type URI. */
	public static String kindOf(URI type) {
		String text = type.toString();
		return text.startsWith(BASE) ? text.substring(BASE.length()) : text;
	}

}
