package io.feedbackloop.router.routing;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.feedbackloop.local.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A routing table naming what does not exist stops the start-up, with a message naming it. */
class RoutingStartupTests {

	private static MongoClient mongo;

	@BeforeAll
	static void connect() {
		mongo = MongoClients.create(TestInfrastructure.get().mongoUri());
	}

	@AfterAll
	static void close() {
		mongo.close();
	}

	@Test
	void configuredTableWithAnUnknownDepartmentStopsTheStartNamingTheRule() {
		new ApplicationContextRunner().withUserConfiguration(Bind.class)
			.withPropertyValues("feedbackloop.routing.departments.billing=Billing",
					"feedbackloop.routing.departments.customer-service=Customer service",
					"feedbackloop.routing.categories=billing,network",
					"feedbackloop.routing.table.default-department=customer-service",
					"feedbackloop.routing.table.rules[0].category=network",
					"feedbackloop.routing.table.rules[0].department=network-ops")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("feedbackloop.routing.table.rules[0].department")
					.hasMessageContaining("unknown department 'network-ops'");
			});
	}

	@Test
	void storedTableThatNoLongerFitsTheConfigurationStopsTheStartNamingWhatIsUnknown() {
		MongoDatabase database = mongo.getDatabase("routing_startup_" + UUID.randomUUID().toString().substring(0, 8));
		database.getCollection(RoutingTables.COLLECTION)
			.insertOne(new Document("_id", RoutingTables.ACTIVE).append("defaultDepartment", "customer-service")
				.append("rules", List.of(new Document("category", "network").append("department", "network-ops")))
				.append("version", 4L)
				.append("updatedBy", "supervisor-wang")
				.append("updatedAt", new java.util.Date()));
		RoutingProperties properties = new RoutingProperties(
				java.util.Map.of("customer-service", "Customer service", "billing", "Billing"),
				List.of("network", "billing"), List.of("standard"), "standard",
				new RoutingTable("customer-service", null, List.of()), java.time.Duration.ofHours(24));

		assertThatIllegalStateException()
			.isThrownBy(() -> new RoutingTables(database, properties, Clock.systemUTC()))
			.withMessageContaining("version 4, changed by supervisor-wang")
			.withMessageContaining("rules[0].department: unknown department 'network-ops'");
	}

	@Test
	void firstStartStoresTheConfiguredTable() {
		MongoDatabase database = mongo.getDatabase("routing_startup_" + UUID.randomUUID().toString().substring(0, 8));
		RoutingTable configured = new RoutingTable("customer-service", "agent",
				List.of(new RoutingRule("billing", null, null, "billing", null)));
		RoutingProperties properties = new RoutingProperties(
				java.util.Map.of("customer-service", "Customer service", "billing", "Billing"),
				List.of("network", "billing"), List.of("standard"), "standard", configured,
				java.time.Duration.ofHours(24));

		StoredRoutingTable stored = new RoutingTables(database, properties, Clock.systemUTC()).current();

		assertThat(stored.table()).isEqualTo(configured);
		assertThat(stored.version()).isEqualTo(1);
		assertThat(stored.updatedBy()).isEqualTo("configuration");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RoutingProperties.class)
	static class Bind {

	}

}
