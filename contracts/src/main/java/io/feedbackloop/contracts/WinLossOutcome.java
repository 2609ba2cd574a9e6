package io.feedbackloop.contracts;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether business with a customer was won (or kept) or lost (业务获取与流失). */
public enum WinLossOutcome {

	WON, LOST;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static WinLossOutcome fromWire(String value) {
		return Arrays.stream(values())
			.filter((outcome) -> outcome.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown outcome '" + value + "'; expected one of "
					+ Arrays.stream(values()).map(WinLossOutcome::wireName).toList()));
	}

}
