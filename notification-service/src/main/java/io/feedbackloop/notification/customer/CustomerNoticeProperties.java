package io.feedbackloop.notification.customer;

import java.util.EnumSet;
import java.util.Set;

import io.feedbackloop.contracts.CaseStatus;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.customer.*}: which case events the customer hears about.
 *
 * @param progressStatuses the statuses a case moving into sends a progress notice for ("the
 * department is handling it"); closing always sends the closing confirmation
 */
@ConfigurationProperties("feedbackloop.notification.customer")
public record CustomerNoticeProperties(
		@DefaultValue({ "assigned", "investigating", "remedy-carried-out", "reopened" }) Set<CaseStatus> progressStatuses) {

	public CustomerNoticeProperties {
		progressStatuses = progressStatuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(progressStatuses));
		for (CaseStatus status : progressStatuses) {
			if (!CustomerNoticeTexts.describes(status)) {
				throw new IllegalArgumentException("feedbackloop.notification.customer.progress-statuses: there is no "
						+ "progress notice for '" + status.wireName() + "'");
			}
		}
	}

}
