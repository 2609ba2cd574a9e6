package io.feedbackloop.churn.system;

import java.util.List;
import java.util.Map;

/** A request with invalid fields; answered with a {@code validation-failed} problem listing them. */
public class ValidationException extends RuntimeException {

	private final List<Map<String, String>> errors;

	public ValidationException(List<Map<String, String>> errors) {
		super("Invalid fields: " + errors);
		this.errors = List.copyOf(errors);
	}

	/** Each error as {@code {"field": ..., "message": ...}}. */
	public List<Map<String, String>> errors() {
		return this.errors;
	}

	public static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message);
	}

}
