package io.feedbackloop.router.web;

import java.net.URI;

import io.feedbackloop.platform.web.ProblemAdvice;

/** The stable problem type URIs of this service: {@code https://feedbackloop.io/problems/<kind>}. */
public final class ProblemTypes {

	public static final String VALIDATION_FAILED = "validation-failed";

	public static final String NOT_FOUND = "not-found";

	/** A classifier model whose labels the configured taxonomy does not have, or that is not a model. */
	public static final String MODEL_INCOMPATIBLE = "model-incompatible";

	private ProblemTypes() {
	}

	public static URI uri(String kind) {
		return ProblemAdvice.type(kind);
	}

}
