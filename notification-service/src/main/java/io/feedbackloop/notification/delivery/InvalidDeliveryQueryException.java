package io.feedbackloop.notification.delivery;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.feedbackloop.platform.web.ProblemAdvice;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A delivery query without any criterion (listing every delivery is not offered), or with a bad one. */
class InvalidDeliveryQueryException extends ErrorResponseException {

	static final URI TYPE = ProblemAdvice.type("validation-failed");

	private InvalidDeliveryQueryException(ProblemDetail problem) {
		super(HttpStatus.BAD_REQUEST, problem, null);
	}

	static InvalidDeliveryQueryException noCriterion() {
		String message = "caseId or customerId is required";
		return new InvalidDeliveryQueryException(problem(
				"Deliveries are listed by case or by customer: give caseId or customerId.",
				List.of(Map.of("field", "caseId", "message", message),
						Map.of("field", "customerId", "message", message))));
	}

	static InvalidDeliveryQueryException unknownAudience(String audience) {
		return new InvalidDeliveryQueryException(problem("Unknown audience '" + audience + "'.",
				List.of(Map.of("field", "audience", "message", "must be one of customer, staff, system"))));
	}

	private static ProblemDetail problem(String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(TYPE);
		problem.setTitle("Validation failed");
		problem.setProperty("errors", errors);
		return problem;
	}

}
