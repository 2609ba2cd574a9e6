package io.feedbackloop.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The service organisation's own customer id (from its CRM or billing system). Serialised as a plain JSON string. */
public record CustomerId(@JsonValue String value) {

	public CustomerId {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("CustomerId must not be blank");
		}
	}

	@JsonCreator
	public static CustomerId of(String value) {
		return new CustomerId(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
