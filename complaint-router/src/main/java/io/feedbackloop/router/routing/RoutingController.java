package io.feedbackloop.router.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.web.ExpectedVersion;
import io.feedbackloop.router.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing table and customer tiers over HTTP: everyone signed in reads, supervisors change
 * (enforced by the security configuration).
 */
@RestController
class RoutingController {

	private final RoutingTables tables;

	private final CustomerTiers tiers;

	private final RoutingProperties properties;

	RoutingController(RoutingTables tables, CustomerTiers tiers, RoutingProperties properties) {
		this.tables = tables;
		this.tiers = tiers;
		this.properties = properties;
	}

	@GetMapping("/api/v1/routing-table")
	ResponseEntity<Map<String, Object>> table() {
		return answer(this.tables.current());
	}

	@PutMapping("/api/v1/routing-table")
	ResponseEntity<Map<String, Object>> replace(@RequestBody TableChange change,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
			Authentication user) {
		long expected = ExpectedVersion.of(ifMatch, change.version());
		if (change.defaultDepartment() == null) {
			throw InvalidRequestException.of("defaultDepartment", "is required");
		}
		List<RoutingRule> rules = (change.rules() != null) ? change.rules() : List.of();
		for (int i = 0; i < rules.size(); i++) {
			if (rules.get(i) == null) {
				throw InvalidRequestException.of("rules[" + i + "]", "is null");
			}
		}
		RoutingTable table = new RoutingTable(change.defaultDepartment(), change.defaultOwnerRole(), rules);
		return answer(this.tables.replace(table, expected, Actor.of(user).id()));
	}

	@GetMapping("/api/v1/customers/{customerId}/tier")
	Map<String, String> tier(@PathVariable String customerId) {
		return Map.of("customerId", customerId, "tier", this.tiers.tierOf(new CustomerId(customerId)));
	}

	@PutMapping("/api/v1/customers/{customerId}/tier")
	Map<String, String> setTier(@PathVariable String customerId, @RequestBody TierChange change,
			Authentication user) {
		if (change.tier() == null) {
			throw InvalidRequestException.of("tier", "is required; one of " + this.properties.tiers());
		}
		this.tiers.set(new CustomerId(customerId), change.tier(), Actor.of(user).id());
		return Map.of("customerId", customerId, "tier", change.tier());
	}

	private ResponseEntity<Map<String, Object>> answer(StoredRoutingTable stored) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("version", stored.version());
		body.put("updatedBy", stored.updatedBy());
		body.put("updatedAt", stored.updatedAt());
		body.put("defaultDepartment", stored.table().defaultDepartment());
		body.put("defaultOwnerRole",
				(stored.table().defaultOwnerRole() != null) ? stored.table().defaultOwnerRole() : RoutingTable.AGENT);
		body.put("rules", stored.table().rules());
		body.put("departments", this.properties.departments());
		body.put("categories", this.properties.categories());
		body.put("severities", Severity.ALL);
		body.put("tiers", this.properties.tiers());
		return ResponseEntity.ok().eTag(ExpectedVersion.etag(stored.version())).body(body);
	}

	/** A new routing table; {@code version} when not sent as If-Match. */
	record TableChange(@Nullable String defaultDepartment, @Nullable String defaultOwnerRole,
			@Nullable List<RoutingRule> rules, @Nullable Long version) {

	}

	record TierChange(@Nullable String tier) {

	}

}
