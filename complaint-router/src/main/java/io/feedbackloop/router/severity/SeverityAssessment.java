package io.feedbackloop.router.severity;

import java.util.List;

/**
 * A severity decision and why: each reason names the signal or rule and what it did, such as
 * {@code regulator: 工信部 → critical} or {@code customer tier vip: normal → high}.
 *
 * @param severity {@code low}, {@code normal}, {@code high} or {@code critical}
 * @param reasons in the order they were applied
 */
public record SeverityAssessment(String severity, List<String> reasons) {

	public SeverityAssessment {
		reasons = List.copyOf(reasons);
	}

}
