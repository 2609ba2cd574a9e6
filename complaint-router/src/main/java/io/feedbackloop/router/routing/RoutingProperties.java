package io.feedbackloop.router.routing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.routing.*}: the routing table.
 *
 * @param departments the departments that exist (id → display name)
 * @param categories category → owning department id
 * @param defaultDepartment where a category without an owner goes
 * @param firstResponse the promise to the customer, counted from receipt
 */
@ConfigurationProperties("feedbackloop.routing")
public record RoutingProperties(Map<String, String> departments, Map<String, String> categories,
		String defaultDepartment, @DefaultValue("24h") Duration firstResponse) {

	public RoutingProperties {
		departments = Map.copyOf(departments);
		categories = Map.copyOf(categories);
		Set<String> known = departments.keySet();
		if (!known.contains(defaultDepartment)) {
			throw new IllegalArgumentException("feedbackloop.routing.default-department '" + defaultDepartment
					+ "' is not one of the departments " + known);
		}
		categories.forEach((category, department) -> {
			if (!known.contains(department)) {
				throw new IllegalArgumentException("feedbackloop.routing.categories." + category + " names department '"
						+ department + "', which is not one of " + known);
			}
		});
		if (firstResponse.isNegative() || firstResponse.isZero()) {
			throw new IllegalArgumentException("feedbackloop.routing.first-response must be positive");
		}
	}

	/** The department that owns a category, or the default department. */
	public String departmentFor(String category) {
		return this.categories.getOrDefault(category, this.defaultDepartment);
	}

}
