package io.feedbackloop.platform.security;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a user of a service's API may do. In complaint-router agents work cases; supervisors also approve
 * remedies and edit the routing table; analysts only read. Each service states its rules.
 */
public enum Role {

	AGENT, SUPERVISOR, ANALYST;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The Spring Security authority, {@code ROLE_AGENT}. */
	String authority() {
		return "ROLE_" + name();
	}

	/** @throws IllegalArgumentException naming the accepted values */
	public static Role fromWire(String value) {
		return Arrays.stream(values())
			.filter((role) -> role.wireName().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown role '" + value + "'; expected one of "
					+ Arrays.stream(values()).map(Role::wireName).toList()));
	}

}
