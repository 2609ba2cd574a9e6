package io.feedbackloop.router.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoutingPropertiesTests {

	private static final Map<String, String> DEPARTMENTS = Map.of("customer-service", "客服中心", "billing", "计费部");

	private static final List<String> CATEGORIES = List.of("billing", "network", "other");

	private static final List<String> TIERS = List.of("standard", "vip");

	@Test
	void validTableIsAccepted() {
		RoutingProperties routing = properties(new RoutingTable("customer-service", null,
				List.of(new RoutingRule("billing", null, null, "billing", null))));
		assertThat(routing.table().route("billing", Severity.NORMAL, "standard").department()).isEqualTo("billing");
	}

	@Test
	void tableNamingAnUnknownDepartmentIsRejectedNamingTheRuleAndTheDepartment() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(new RoutingTable("customer-service", null,
					List.of(new RoutingRule("network", null, null, "network-ops", null)))))
			.withMessageContaining("feedbackloop.routing.table.rules[0].department")
			.withMessageContaining("unknown department 'network-ops'")
			.withMessageContaining("[billing, customer-service]");
	}

	@Test
	void tableNamingAnUnknownCategoryIsRejectedNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(new RoutingTable("customer-service", null,
					List.of(new RoutingRule("billing", null, null, "billing", null),
							new RoutingRule("roaming", null, null, "billing", null)))))
			.withMessageContaining("feedbackloop.routing.table.rules[1].category")
			.withMessageContaining("unknown category 'roaming'");
	}

	@Test
	void unknownDefaultDepartmentTierSeverityAndOwnerRoleAreEachNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(new RoutingTable("nobody", "boss",
					List.of(new RoutingRule(null, "urgent", "platinum", "billing", "manager")))))
			.withMessageContaining("table.defaultDepartment: unknown department 'nobody'")
			.withMessageContaining("table.defaultOwnerRole: unknown owner role 'boss'")
			.withMessageContaining("table.rules[0].severity: unknown severity 'urgent'")
			.withMessageContaining("table.rules[0].tier: unknown tier 'platinum'")
			.withMessageContaining("table.rules[0].ownerRole: unknown owner role 'manager'");
	}

	@Test
	void defaultTierMustBeATier() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RoutingProperties(DEPARTMENTS, CATEGORIES, TIERS, "gold",
					new RoutingTable("customer-service", null, List.of()), Duration.ofHours(24)))
			.withMessageContaining("default-tier 'gold'");
	}

	private static RoutingProperties properties(RoutingTable table) {
		return new RoutingProperties(DEPARTMENTS, CATEGORIES, TIERS, "standard", table, Duration.ofHours(24));
	}

}
