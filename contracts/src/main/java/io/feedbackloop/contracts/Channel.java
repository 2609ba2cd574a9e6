package io.feedbackloop.contracts;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The channel system a piece of feedback came through. In-person service halls post as {@code phone}. */
public enum Channel {

	PHONE, SMS, WEB, APP;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @throws IllegalArgumentException naming the accepted values */
	@JsonCreator
	public static Channel fromWire(String value) {
		return Arrays.stream(values())
			.filter((channel) -> channel.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown channel '" + value + "'; expected one of "
							+ Arrays.stream(values()).map(Channel::wireName).toList()));
	}

}
