package io.feedbackloop.notification.acknowledgement;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.notification.customer.CustomerMessages;
import io.feedbackloop.notification.templates.LocalTimes;

/**
 * The values of the acknowledgement's variables for one complaint. Times are shown in the customer's
 * time zone; the promised hours come from the event (due time minus receipt), so that the text
 * always agrees with the promise the router made.
 */
final class AcknowledgementVariables {

	static final String NAME = "name";

	static final String REFERENCE = "reference";

	static final String DUE_TIME = "dueTime";

	static final String REPLY_HOURS = "replyHours";

	private AcknowledgementVariables() {
	}

	static Map<String, String> of(ComplaintRouted complaint, String language, ZoneId zone) {
		return Map.of(NAME, CustomerMessages.salutation(complaint.contact().name(), language), REFERENCE,
				complaint.caseId().value(), DUE_TIME, LocalTimes.format(complaint.firstResponseDueAt(), language, zone),
				REPLY_HOURS, String.valueOf(replyHours(complaint.receivedAt(), complaint.firstResponseDueAt())));
	}

	/**
	 * The promise in whole hours, rounded up: rounding down would promise the customer an earlier
	 * answer than the team committed to, while the due time shown beside it stays exact.
	 */
	static long replyHours(Instant received, Instant due) {
		Duration promise = Duration.between(received, due);
		if (promise.isNegative() || promise.isZero()) {
			return 1;
		}
		long hours = promise.toHours();
		return promise.minusHours(hours).isZero() ? hours : hours + 1;
	}

}
