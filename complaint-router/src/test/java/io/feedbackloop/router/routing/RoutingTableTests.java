package io.feedbackloop.router.routing;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTableTests {

	private final RoutingTable table = new RoutingTable("customer-service", "agent",
			List.of(new RoutingRule(null, null, "vip", "customer-service", "supervisor"),
					new RoutingRule("billing", "critical", null, "billing", "supervisor"),
					new RoutingRule("billing", null, null, "billing", null),
					new RoutingRule("network", null, null, "network-operations", null)));

	@Test
	void firstMatchingRuleDecidesAndIsNamed() {
		assertThat(this.table.route("network", Severity.NORMAL, "standard"))
			.isEqualTo(new RouteDecision("network-operations", "agent", "rules[3]"));
		assertThat(this.table.route("billing", Severity.CRITICAL, "standard"))
			.isEqualTo(new RouteDecision("billing", "supervisor", "rules[1]"));
		assertThat(this.table.route("billing", Severity.HIGH, "standard"))
			.isEqualTo(new RouteDecision("billing", "agent", "rules[2]"));
	}

	@Test
	void customerTierRuleListedFirstTakesAnyCategory() {
		assertThat(this.table.route("network", Severity.NORMAL, "vip"))
			.isEqualTo(new RouteDecision("customer-service", "supervisor", "rules[0]"));
	}

	@Test
	void complaintNoRuleMatchesGoesToTheDefaultQueue() {
		assertThat(this.table.route("delivery", Severity.NORMAL, "standard"))
			.isEqualTo(new RouteDecision("customer-service", "agent", "default"));
	}

	@Test
	void unknownCategoryMatchesOnlyRulesWithoutOne() {
		assertThat(this.table.route(null, Severity.CRITICAL, "standard").rule()).isEqualTo("default");
		assertThat(this.table.route(null, Severity.NORMAL, "vip").rule()).isEqualTo("rules[0]");
	}

	@Test
	void ruleWithoutAnyCriterionIsRefusedAsAMisspeltOne() {
		RoutingTableValidator validator = new RoutingTableValidator(List.of("billing", "customer-service"),
				List.of("billing"), List.of("standard"));

		assertThat(validator.check(new RoutingTable("customer-service", null,
				List.of(new RoutingRule(null, null, null, "billing", null)))))
			.singleElement()
			.satisfies((error) -> {
				assertThat(error.field()).isEqualTo("rules[0]");
				assertThat(error.message()).contains("names no category, severity or tier");
			});
	}

}
