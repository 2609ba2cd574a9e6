package io.feedbackloop.router.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** A request with invalid fields: {@code 400}, each field named in {@code errors}. */
public class InvalidRequestException extends ApiProblemException {

	private final List<FieldError> errors;

	public InvalidRequestException(String detail, List<FieldError> errors) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed", detail,
				Map.of("errors", List.copyOf(errors)));
		this.errors = List.copyOf(errors);
	}

	public static InvalidRequestException of(String field, String message) {
		return new InvalidRequestException(field + " " + message + ".", List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
