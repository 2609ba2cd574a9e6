package io.feedbackloop.contracts;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a complaint case is in the complaint process (投诉处理程序) of the domain: recorded, judged
 * valid or not, assigned, investigated, a remedy proposed, approved by a supervisor, carried out and
 * the customer told, closed once the customer confirms; reopened when needed. {@code triage}: the
 * classifier was not sure enough and a person decides; {@code waiting-for-customer}: the case waits
 * for the customer's reply (response timers pause).
 */
public enum CaseStatus {

	TRIAGE, RECEIVED, INVALID, ASSIGNED, INVESTIGATING, REMEDY_PROPOSED, REMEDY_APPROVED, REMEDY_CARRIED_OUT,
	WAITING_FOR_CUSTOMER, CLOSED, REOPENED;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	@JsonCreator
	public static CaseStatus fromWire(String value) {
		return Arrays.stream(values())
			.filter((status) -> status.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown case status '" + value + "'; expected one of "
					+ Arrays.stream(values()).map(CaseStatus::wireName).toList()));
	}

}
