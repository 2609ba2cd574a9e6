package io.feedbackloop.ingest.web;

import java.net.URI;

import io.feedbackloop.platform.web.ProblemAdvice;

/**
 * The stable problem type URIs of this service: {@code https://feedbackloop.io/problems/<kind>}. A
 * kind never changes its meaning; clients may branch on it.
 */
public final class ProblemTypes {

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

	private ProblemTypes() {
	}

	static URI uri(String kind) {
		return ProblemAdvice.type(kind);
	}

}
