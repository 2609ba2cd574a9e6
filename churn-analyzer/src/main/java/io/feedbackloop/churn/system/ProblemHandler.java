package io.feedbackloop.churn.system;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the service's exceptions into RFC 9457 problems (application/problem+json). */
@RestControllerAdvice
class ProblemHandler {

	static final URI NOT_FOUND = URI.create("https://feedbackloop.io/problems/not-found");

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setType(NOT_FOUND);
		problem.setTitle("Not found");
		return problem;
	}

}
