package io.feedbackloop.router.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.feedbackloop.router.web.FieldError;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.routing.*}: what exists (departments, taxonomy categories, customer tiers) and
 * the routing table the service starts with. The table is checked here, so that a table naming an
 * unknown category or department stops the start-up with a message naming the entry.
 *
 * @param departments the departments that exist (id to display name)
 * @param categories the complaint categories of the taxonomy
 * @param tiers the customer tiers CRM systems may report
 * @param defaultTier the tier of a customer no CRM system has reported
 * @param table the routing table stored on first start; afterwards the stored one, edited over the API,
 * is the one used
 * @param firstResponse the promise to the customer, counted from receipt
 */
@ConfigurationProperties("feedbackloop.routing")
public record RoutingProperties(Map<String, String> departments, List<String> categories,
		@DefaultValue({ "standard", "gold", "vip" }) List<String> tiers, @DefaultValue("standard") String defaultTier,
		RoutingTable table, @DefaultValue("24h") Duration firstResponse) {

	static final String PREFIX = "feedbackloop.routing.";

	public RoutingProperties {
		departments = Map.copyOf(departments);
		categories = List.copyOf(categories);
		tiers = List.copyOf(tiers);
		if (!tiers.contains(defaultTier)) {
			throw new IllegalArgumentException(PREFIX + "default-tier '" + defaultTier + "' is not one of the tiers "
					+ tiers);
		}
		if (firstResponse.isNegative() || firstResponse.isZero()) {
			throw new IllegalArgumentException(PREFIX + "first-response must be positive");
		}
		List<FieldError> errors = new RoutingTableValidator(departments.keySet(), categories, tiers).check(table);
		if (!errors.isEmpty()) {
			throw new IllegalArgumentException("The routing table in " + PREFIX + "table is not valid: "
					+ errors.stream().map((e) -> PREFIX + "table." + e.field() + ": " + e.message())
						.collect(Collectors.joining("; ")));
		}
	}

	RoutingTableValidator validator() {
		return new RoutingTableValidator(this.departments.keySet(), this.categories, this.tiers);
	}

}
