package io.feedbackloop.ingest.web;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** The stable problem type URIs of this service: {@code https://feedbackloop.io/problems/<kind>}. */
final class ProblemTypes {

	static final String BASE = "https://feedbackloop.io/problems/";

	static final String INVALID_JSON = "invalid-json";

	static final String VALIDATION_FAILED = "validation-failed";

	static final String PAYLOAD_TOO_LARGE = "payload-too-large";

	static final String BROKER_UNAVAILABLE = "broker-unavailable";

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

	static String kindOf(URI type) {
		String text = type.toString();
		return text.startsWith(BASE) ? text.substring(BASE.length()) : text;
	}

}
