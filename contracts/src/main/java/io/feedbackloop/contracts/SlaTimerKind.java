package io.feedbackloop.contracts;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which response timer of a complaint case an SLA event is about. {@code first-response}: the promise
 * to the customer ("我们将在24小时内给您答复"); {@code internal-target}: the team's earlier goal for the
 * same first response (under-promise, over-deliver); {@code periodic-update}: keeping the customer
 * informed every so many hours while the case is open; {@code resolution}: closing the case.
 */
public enum SlaTimerKind {

	FIRST_RESPONSE, INTERNAL_TARGET, PERIODIC_UPDATE, RESOLUTION;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@JsonCreator
	public static SlaTimerKind fromWire(String value) {
		return Arrays.stream(values())
			.filter((kind) -> kind.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown SLA timer '" + value + "'; expected one of "
					+ Arrays.stream(values()).map(SlaTimerKind::wireName).toList()));
	}

}
