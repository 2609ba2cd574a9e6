package io.feedbackloop.ingest.intake;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The request body of {@code POST /api/v1/feedback} (and one record of a batch), as the channel
 * system sent it. Every field is read as text and checked by {@link FeedbackValidator}, so that each
 * problem is reported against its field instead of failing the whole parse.
 *
 * @param channel {@code phone}, {@code sms}, {@code web} or {@code app}
 * @param channelRecordId the channel system's own id for the record
 * @param customer who gave the feedback
 * @param occurredAt RFC 3339 instant
 * @param text the customer's words
 * @param language {@code zh} or {@code en}; detected when absent
 * @param phoneCall call details, channel {@code phone} only
 * @param sms message details, channel {@code sms} only
 * @param webForm form details, channel {@code web} only
 * @param app app details, channel {@code app} only
 * @param attachments files by reference
 * @param metadata free-form values; no key may start with {@code $} or contain {@code .}
 */
public record FeedbackSubmission(@Nullable String channel, @Nullable String channelRecordId,
		@Nullable Customer customer, @Nullable String occurredAt, @Nullable String text, @Nullable String language,
		@Nullable PhoneCall phoneCall, @Nullable Sms sms, @Nullable WebForm webForm, @Nullable App app,
		@Nullable List<Attachment> attachments, @Nullable Map<String, Object> metadata) {

	/**
	 * @param id the organisation's customer id
	 * @param name name or nickname
	 * @param phone phone number: E.164, or national in the default region
	 * @param email e-mail address
	 */
	public record Customer(@Nullable String id, @Nullable String name, @Nullable String phone,
			@Nullable String email) {

	}

	/**
	 * @param callId the call-centre platform's id of the call
	 * @param agentId the agent who took it
	 * @param ivrPath the IVR menu choices, in order
	 * @param recordingRef where the recording is kept
	 */
	public record PhoneCall(@Nullable String callId, @Nullable String agentId, @Nullable List<String> ivrPath,
			@Nullable String recordingRef) {

	}

	/**
	 * @param senderNumber the number the message came from
	 * @param gatewayMessageId the gateway's id of the message
	 */
	public record Sms(@Nullable String senderNumber, @Nullable String gatewayMessageId) {

	}

	/**
	 * @param formId the form
	 * @param page the page it was on
	 * @param clientIp the client's IP address; only a keyed hash of it is kept
	 */
	public record WebForm(@Nullable String formId, @Nullable String page, @Nullable String clientIp) {

	}

	/**
	 * @param appVersion the app's version
	 * @param platform ios, android, harmonyos, web or other
	 * @param deviceId the device id; only a keyed hash of it is kept
	 */
	public record App(@Nullable String appVersion, @Nullable String platform, @Nullable String deviceId) {

	}

	/**
	 * @param url where the file is, http or https
	 * @param contentType its media type
	 * @param sizeBytes its size
	 */
	public record Attachment(@Nullable String url, @Nullable String contentType, @Nullable Long sizeBytes) {

	}

}
