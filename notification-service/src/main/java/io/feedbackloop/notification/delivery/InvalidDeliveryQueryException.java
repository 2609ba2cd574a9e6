package io.feedbackloop.notification.delivery;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A delivery query without any criterion: listing every delivery is not offered. */
class InvalidDeliveryQueryException extends ErrorResponseException {

	static final URI TYPE = URI.create("https://feedbackloop.io/problems/validation-failed");

	InvalidDeliveryQueryException() {
		super(HttpStatus.BAD_REQUEST, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Deliveries are listed by case or by customer: give caseId or customerId.");
		problem.setType(TYPE);
		problem.setTitle("Validation failed");
		String message = "caseId or customerId is required";
		problem.setProperty("errors", List.of(Map.of("field", "caseId", "message", message),
				Map.of("field", "customerId", "message", message)));
		return problem;
	}

}
