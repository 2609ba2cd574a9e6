package io.feedbackloop.router.cases;

import java.util.Map;

import io.feedbackloop.router.web.ApiProblemException;

import org.springframework.http.HttpStatus;

/** A step the caller's role may not make (an agent approving a remedy): {@code 403}. */
public class ForbiddenActionException extends ApiProblemException {

	ForbiddenActionException(String detail, String requiredRole) {
		super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, Map.of("requiredRole", requiredRole));
	}

}
