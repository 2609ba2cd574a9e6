package io.feedbackloop.router.routing;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoutingPropertiesTests {

	private static final Map<String, String> DEPARTMENTS = Map.of("customer-service", "客服中心", "billing", "计费部");

	@Test
	void categoryWithoutAnOwnerGoesToTheDefaultDepartment() {
		RoutingProperties routing = new RoutingProperties(DEPARTMENTS, Map.of("billing", "billing"), "customer-service",
				Duration.ofHours(24));
		assertThat(routing.departmentFor("billing")).isEqualTo("billing");
		assertThat(routing.departmentFor("network")).isEqualTo("customer-service");
	}

	@Test
	void tableNamingAnUnknownDepartmentIsRejectedNamingTheEntry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RoutingProperties(DEPARTMENTS, Map.of("network", "network-ops"), "customer-service",
					Duration.ofHours(24)))
			.withMessageContaining("feedbackloop.routing.categories.network")
			.withMessageContaining("network-ops");
	}

	@Test
	void unknownDefaultDepartmentIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RoutingProperties(DEPARTMENTS, Map.of(), "nobody", Duration.ofHours(24)))
			.withMessageContaining("default-department 'nobody'");
	}

}
