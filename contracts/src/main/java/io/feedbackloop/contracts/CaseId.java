package io.feedbackloop.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A complaint case's id, also the reference number the customer is given. Serialised as a plain JSON string. */
public record CaseId(@JsonValue String value) {

	public CaseId {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("CaseId must not be blank");
		}
	}

	@JsonCreator
	public static CaseId of(String value) {
		return new CaseId(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
