package io.feedbackloop.router.cases;

import java.time.Instant;
import java.util.List;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.router.classification.Classification;

/**
 * A complaint case as stored in {@code complaint_cases}: the complaint recorded in full (who, when,
 * through which channel, in their words), what the classifier decided, the owning department, the
 * promised first-response time and the case's history.
 */
public record ComplaintCase(CaseId caseId, FeedbackId feedbackId, CustomerId customerId, Channel channel,
		String channelRecordId, Contact contact, String language, String text, Classification classification,
		String department, String status, Instant receivedAt, Instant firstResponseDueAt, Instant routedAt,
		List<HistoryEntry> history, long version) {

	/** One step of the case's life. */
	public record HistoryEntry(String status, Instant at, String note) {

	}

}
