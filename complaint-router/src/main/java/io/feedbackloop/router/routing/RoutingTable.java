package io.feedbackloop.router.routing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The routing table: rules tried in order, the first that matches decides; a complaint no rule
 * matches goes to the default queue. Ordered rules are easy to explain ("rule 3 matched"): put the
 * specific rules (a VIP desk, critical billing complaints) before the general ones.
 *
 * @param defaultDepartment the default queue
 * @param defaultOwnerRole who owns what lands in the default queue
 * @param rules the rules, in order
 */
public record RoutingTable(String defaultDepartment, @Nullable String defaultOwnerRole, List<RoutingRule> rules) {

	static final String AGENT = "agent";

	static final String SUPERVISOR = "supervisor";

	/** The roles that may own a case. */
	static final List<String> OWNER_ROLES = List.of(AGENT, SUPERVISOR);

	public RoutingTable {
		rules = (rules != null) ? List.copyOf(rules) : List.of();
	}

	/**
	 * Where a complaint goes.
	 * @param category its category, or {@code null} when it is not known yet (manual triage)
	 */
	public RouteDecision route(@Nullable String category, String severity, String tier) {
		for (int i = 0; i < this.rules.size(); i++) {
			RoutingRule rule = this.rules.get(i);
			if (rule.matches(category, severity, tier)) {
				return new RouteDecision(rule.department(), rule.ownerRoleOrDefault(), "rules[" + i + "]");
			}
		}
		return new RouteDecision(this.defaultDepartment,
				(this.defaultOwnerRole != null) ? this.defaultOwnerRole : AGENT, "default");
	}

}
