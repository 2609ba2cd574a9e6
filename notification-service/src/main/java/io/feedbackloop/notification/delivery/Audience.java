package io.feedbackloop.notification.delivery;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who a message is for. Only customer messages are paced (quiet hours, daily cap). */
public enum Audience {

	/** The customer who gave the feedback. */
	CUSTOMER,

	/** The staff of the department that owns the case. */
	STAFF,

	/** Another system, such as feedback-ingest receiving a survey answer. */
	SYSTEM;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Audience fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
