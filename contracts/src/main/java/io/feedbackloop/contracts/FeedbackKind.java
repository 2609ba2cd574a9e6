package io.feedbackloop.contracts;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Complaint (投诉), praise (表扬), suggestion (建议) or inquiry (咨询). */
public enum FeedbackKind {

	COMPLAINT, PRAISE, SUGGESTION, INQUIRY;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static FeedbackKind fromWire(String value) {
		return Arrays.stream(values())
			.filter((kind) -> kind.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown feedback kind '" + value + "'; expected one of "
					+ Arrays.stream(values()).map(FeedbackKind::wireName).toList()));
	}

}
