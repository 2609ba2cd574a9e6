package io.feedbackloop.router.routing;

import org.jspecify.annotations.Nullable;

/**
 * One row of the routing table: a complaint matching every criterion given (an absent criterion
 * matches anything) goes to the department's queue, owned by the owner role.
 *
 * @param category a category of the taxonomy, or any
 * @param severity {@code low}, {@code normal}, {@code high}, {@code critical}, or any
 * @param tier a customer tier, or any
 * @param department the department whose queue gets the case
 * @param ownerRole who may own it: {@code agent} (agents and supervisors) or {@code supervisor};
 * {@code agent} when absent
 */
public record RoutingRule(@Nullable String category, @Nullable String severity, @Nullable String tier,
		String department, @Nullable String ownerRole) {

	boolean matches(@Nullable String category, String severity, String tier) {
		return (this.category == null || this.category.equals(category))
				&& (this.severity == null || this.severity.equals(severity))
				&& (this.tier == null || this.tier.equals(tier));
	}

	String ownerRoleOrDefault() {
		return (this.ownerRole != null) ? this.ownerRole : RoutingTable.AGENT;
	}

}
