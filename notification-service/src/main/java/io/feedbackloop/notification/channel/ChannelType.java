package io.feedbackloop.notification.channel;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a message reaches someone. Lowercase in the delivery log, the API and metric tags. */
public enum ChannelType {

	/** A text message through the SMS gateway; the address is an E.164 number. */
	SMS,

	/** An e-mail over SMTP; the address is an e-mail address. */
	EMAIL,

	/** An HMAC-signed HTTP POST to a staff system; the address is its URL. */
	WEBHOOK,

	/** Feedback posted to feedback-ingest on the customer's behalf (a survey answer). */
	INGEST;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ChannelType fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
