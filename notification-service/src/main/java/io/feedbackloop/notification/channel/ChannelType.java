package io.feedbackloop.notification.channel;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a message reaches a customer. Lowercase in the delivery log, the API and metric tags. */
public enum ChannelType {

	SMS, EMAIL;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ChannelType fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
