package io.feedbackloop.notification.survey;

import java.util.List;
import java.util.Map;

import io.feedbackloop.platform.web.ProblemAdvice;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Why a survey cannot be shown or answered, as an RFC 9457 problem. */
class SurveyProblem extends ErrorResponseException {

	private SurveyProblem(HttpStatus status, String kind, String title, String detail,
			List<Map<String, String>> errors) {
		super(status, problem(status, kind, title, detail, errors), null);
	}

	/** A token that is not ours, or a survey that does not exist: the same answer, so that ids cannot be probed. */
	static SurveyProblem notFound() {
		return new SurveyProblem(HttpStatus.NOT_FOUND, "survey-not-found", "Survey not found",
				"There is no survey at this link. Please check that the whole link was copied.", List.of());
	}

	static SurveyProblem expired() {
		return new SurveyProblem(HttpStatus.GONE, "survey-expired", "Survey expired",
				"This survey can no longer be answered.", List.of());
	}

	static SurveyProblem invalidScore(String given) {
		return new SurveyProblem(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed",
				"The score must be a whole number from " + Survey.LOWEST + " to " + Survey.HIGHEST + ".",
				List.of(Map.of("field", "score", "message", "must be a whole number from " + Survey.LOWEST + " to "
						+ Survey.HIGHEST + ", was '" + given + "'")));
	}

	private static ProblemDetail problem(HttpStatus status, String kind, String title, String detail,
			List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemAdvice.type(kind));
		problem.setTitle(title);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

}
