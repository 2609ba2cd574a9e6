package io.feedbackloop.router.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** A resource that does not exist: {@code 404}. */
public class NotFoundException extends ApiProblemException {

	public NotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", detail, Map.of());
	}

}
