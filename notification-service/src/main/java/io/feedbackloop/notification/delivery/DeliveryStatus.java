package io.feedbackloop.notification.delivery;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a delivery stands. Only {@code pending} and {@code deferred} may change; the others are final. */
public enum DeliveryStatus {

	/** In the outbox, not (yet) accepted by the provider: being sent, or waiting to retry after a failure. */
	PENDING,

	/** In the outbox, held back on purpose until {@code scheduledFor}: quiet hours or the daily cap. */
	DEFERRED,

	/** The provider accepted it. */
	SENT,

	/** The provider refused it for good, or it could not be delivered in time; see the reason. */
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
		return this != PENDING && this != DEFERRED;
	}

}
