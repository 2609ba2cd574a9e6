package io.feedbackloop.contracts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the channel system knows about a piece of feedback beyond the customer's words. feedback-ingest
 * sets at most the one part that matches the record's channel ({@code phoneCall} for phone, and so on);
 * attachments and metadata may come from any channel. Nothing here identifies a person in clear: the
 * web client's IP address and the app's device id arrive as keyed hashes (HMAC-SHA-256).
 *
 * @param phoneCall the call-centre / IVR call, for channel {@code phone}
 * @param sms the text message, for channel {@code sms}
 * @param webForm the web form, for channel {@code web}
 * @param app the in-app report, for channel {@code app}
 * @param attachments files the channel system keeps, by reference (never their bytes)
 * @param metadata free-form values of the channel system; keys never start with {@code $} nor
 * contain {@code .}
 */
public record ChannelDetails(@Nullable PhoneCall phoneCall, @Nullable Sms sms, @Nullable WebForm webForm,
		@Nullable App app, @Nullable List<Attachment> attachments, @Nullable Map<String, Object> metadata) {

	/**
	 * The {@code metadata} key of a survey answer's type ({@code csat} or {@code nps}): a record with it and
	 * {@link #SURVEY_SCORE} is an answer (notification-service so forwards the closing survey's), which
	 * complaint-router does not classify and churn-analyzer keeps.
	 */
	public static final String SURVEY_TYPE = "surveyType";

	/** The {@code metadata} key of a survey answer's score (CSAT 1 to 5, NPS 0 to 10). */
	public static final String SURVEY_SCORE = "score";

	/**
	 * @param callId the call-centre platform's id of the call
	 * @param agentId the agent who took the call
	 * @param ivrPath the IVR menu choices, in order
	 * @param recordingRef where the call-centre platform keeps the recording
	 */
	public record PhoneCall(String callId, @Nullable String agentId, @Nullable List<String> ivrPath,
			@Nullable String recordingRef) {

		public PhoneCall {
			Objects.requireNonNull(callId, "callId is required");
		}

	}

	/**
	 * @param senderNumber the number the message came from, E.164
	 * @param gatewayMessageId the SMS gateway's id of the message
	 */
	public record Sms(String senderNumber, String gatewayMessageId) {

		public Sms {
			Objects.requireNonNull(senderNumber, "senderNumber is required");
			Objects.requireNonNull(gatewayMessageId, "gatewayMessageId is required");
		}

	}

	/**
	 * @param formId the web form
	 * @param page the page it was on
	 * @param clientIpHash keyed hash of the client's IP address ({@code hmac-sha256:} and 64 hex digits)
	 */
	public record WebForm(String formId, @Nullable String page, @Nullable String clientIpHash) {

		public WebForm {
			Objects.requireNonNull(formId, "formId is required");
		}

	}

	/**
	 * @param appVersion the app's version
	 * @param platform {@code ios}, {@code android}, {@code harmonyos}, {@code web} or {@code other}
	 * @param deviceIdHash keyed hash of the device id ({@code hmac-sha256:} and 64 hex digits)
	 */
	public record App(String appVersion, String platform, @Nullable String deviceIdHash) {

		public App {
			Objects.requireNonNull(appVersion, "appVersion is required");
			Objects.requireNonNull(platform, "platform is required");
		}

	}

	/**
	 * @param url where the file is (http or https)
	 * @param contentType its media type, such as {@code image/jpeg}
	 * @param sizeBytes its size
	 */
	public record Attachment(String url, String contentType, long sizeBytes) {

		public Attachment {
			Objects.requireNonNull(url, "url is required");
			Objects.requireNonNull(contentType, "contentType is required");
		}

	}

}
