package io.feedbackloop.router.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the service refuses for a reason the caller can act on; answered as problem details with
 * the type {@code https://feedbackloop.io/problems/<kind>} and any extra properties given.
 */
public class ApiProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String kind;

	private final String title;

	private final Map<String, Object> properties;

	public ApiProblemException(HttpStatus status, String kind, String title, String detail,
			Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.kind = kind;
		this.title = title;
		this.properties = Map.copyOf(properties);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String kind() {
		return this.kind;
	}

	public ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, getMessage());
		problem.setType(ProblemTypes.uri(this.kind));
		problem.setTitle(this.title);
		this.properties.forEach(problem::setProperty);
		return problem;
	}

}
