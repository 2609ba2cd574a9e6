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

	/** 0 for low up to 3 for critical; -1 for anything else. */
	public static int rank(String severity) {
		return ALL.indexOf(severity);
	}

	/** One level up, critical staying critical. */
	public static String raise(String severity) {
		int rank = rank(severity);
		return (rank < 0) ? NORMAL : ALL.get(Math.min(rank + 1, ALL.size() - 1));
	}

	/** The higher of two severities. */
	public static String max(String a, String b) {
		return (rank(b) > rank(a)) ? b : a;
	}

}
