package io.feedbackloop.notification.survey;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One satisfaction question (CSAT: how satisfied, from 1 to 5) about one closed case, as stored in
 * {@code surveys}.
 *
 * @param id derived from the closing event: the same link however often the event is redelivered
 * @param eventId the closing event
 * @param caseId the case it asks about
 * @param customerId the customer asked
 * @param language the customer's language
 * @param createdAt when it was sent
 * @param expiresAt until when it can be answered
 * @param score the answer, once given
 * @param answeredAt when it was given
 */
record Survey(String id, String eventId, String caseId, String customerId, String language, Instant createdAt,
		Instant expiresAt, @Nullable Integer score, @Nullable Instant answeredAt) {

	static final String TYPE = "csat";

	static final int LOWEST = 1;

	static final int HIGHEST = 5;

	boolean answered() {
		return this.score != null;
	}

}
