package io.feedbackloop.router.routing;

import java.util.List;

/** Severity levels of a complaint, as the routing table and the case name them. */
public final class Severity {

	public static final String LOW = "low";

	public static final String NORMAL = "normal";

	public static final String HIGH = "high";

	public static final String CRITICAL = "critical";

	public static final List<String> ALL = List.of(LOW, NORMAL, HIGH, CRITICAL);

	private Severity() {
	}

}
