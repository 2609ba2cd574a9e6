package io.feedbackloop.router.routing;

import java.time.Duration;
import java.util.List;

import io.feedbackloop.contracts.CustomerId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Decides where a complaint goes, from the routing table in use and the customer's tier. */
@Component
public class Router {

	private final RoutingTables tables;

	private final CustomerTiers tiers;

	private final RoutingProperties properties;

	Router(RoutingTables tables, CustomerTiers tiers, RoutingProperties properties) {
		this.tables = tables;
		this.tiers = tiers;
		this.properties = properties;
	}

	/**
	 * @param category the complaint's category, or {@code null} while a person has to decide it
	 * @param severity one of {@link Severity#ALL}
	 * @param tier the customer's tier ({@link #tierOf})
	 */
	public RouteDecision route(@Nullable String category, String severity, String tier) {
		return this.tables.current().table().route(category, severity, tier);
	}

	public String tierOf(CustomerId customer) {
		return this.tiers.tierOf(customer);
	}

	/** The promised first-response time, counted from receipt. */
	public Duration firstResponse() {
		return this.properties.firstResponse();
	}

	/** The categories of the taxonomy. */
	public List<String> categories() {
		return this.properties.categories();
	}

}
