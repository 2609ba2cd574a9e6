package io.feedbackloop.router.sla;

import java.util.Arrays;
import java.util.Locale;

/** Which time a timer counts: every hour ({@code wall}) or the department's working hours ({@code business}). */
enum ClockKind {

	WALL, BUSINESS;

	String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ClockKind fromWire(String value, String where) {
		return Arrays.stream(values())
			.filter((kind) -> kind.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					where + " '" + value + "' is not a clock; expected wall or business"));
	}

}
