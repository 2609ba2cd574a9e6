package io.feedbackloop.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A feedback record's id, given by feedback-ingest (`fb-` and a UUID). Serialised as a plain JSON string. */
public record FeedbackId(@JsonValue String value) {

	public FeedbackId {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("FeedbackId must not be blank");
		}
	}

	@JsonCreator
	public static FeedbackId of(String value) {
		return new FeedbackId(value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
