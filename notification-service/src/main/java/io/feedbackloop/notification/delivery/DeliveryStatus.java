package io.feedbackloop.notification.delivery;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a delivery stands. Only {@code pending} may change; the others are final. */
public enum DeliveryStatus {

	/** Recorded, not (yet) accepted by the provider: being sent, or waiting for a retry. */
	PENDING,

	/** The provider accepted it. */
	SENT,

	/** The provider refused it for good; see the reason. */
	FAILED,

	/** Nothing could be sent (no contact); see the reason. */
	SKIPPED;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static DeliveryStatus fromWire(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	public boolean isFinal() {
		return this != PENDING;
	}

}
