package io.feedbackloop.ingest.status;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/v1/feedback/{id}} answers.
 *
 * @param feedbackId the record
 * @param channel where it came from
 * @param channelRecordId the channel system's id for it; absent while only the classification is known
 * @param customerId the customer
 * @param receivedAt when it was accepted; absent while only the classification is known
 * @param status {@code accepted} or {@code classified}
 * @param kind complaint, praise, suggestion or inquiry, once classified
 * @param category the category, once classified
 * @param caseId the complaint case, when one was opened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackStatus(String feedbackId, @Nullable String channel, @Nullable String channelRecordId,
		@Nullable String customerId, @Nullable Instant receivedAt, String status, @Nullable String kind,
		@Nullable String category, @Nullable String caseId) {

	public static final String ACCEPTED = "accepted";

	public static final String CLASSIFIED = "classified";

}
