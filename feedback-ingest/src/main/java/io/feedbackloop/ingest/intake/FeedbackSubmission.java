package io.feedbackloop.ingest.intake;

import org.jspecify.annotations.Nullable;

/**
 * The request body of {@code POST /api/v1/feedback}, as the channel system sent it. Every field is
 * read as text and checked by {@link FeedbackValidator}, so that each problem is reported against its
 * field instead of failing the whole parse.
 *
 * @param channel {@code phone}, {@code sms}, {@code web} or {@code app}
 * @param channelRecordId the channel system's own id for the record
 * @param customer who gave the feedback
 * @param occurredAt RFC 3339 instant
 * @param text the customer's words
 * @param language {@code zh} or {@code en}; detected when absent
 */
record FeedbackSubmission(@Nullable String channel, @Nullable String channelRecordId, @Nullable Customer customer,
		@Nullable String occurredAt, @Nullable String text, @Nullable String language) {

	/**
	 * @param id the organisation's customer id
	 * @param name name or nickname
	 * @param phone E.164 number
	 * @param email e-mail address
	 */
	record Customer(@Nullable String id, @Nullable String name, @Nullable String phone, @Nullable String email) {

	}

}
