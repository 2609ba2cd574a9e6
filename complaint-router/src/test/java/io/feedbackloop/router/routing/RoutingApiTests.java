package io.feedbackloop.router.routing;

import java.time.Duration;
import java.util.Optional;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.router.Feedbacks;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Supervisors change the routing table at run time; the next complaint is routed by the new table. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingApiTests {

	@LocalServerPort
	int port;

	@Autowired
	RoutingTables tables;

	@Autowired
	CaseStore cases;

	StaffApiClient api;

	private StoredRoutingTable original;

	@BeforeEach
	void remember() {
		this.api = new StaffApiClient(this.port);
		this.original = this.tables.current();
	}

	@AfterEach
	void restore() {
		StoredRoutingTable now = this.tables.current();
		if (now.version() != this.original.version()) {
			this.tables.replace(this.original.table(), now.version(), "test");
		}
	}

	@Test
	void everyoneReadsTheTableWithItsVersionAsETag() {
		Response table = this.api.get("/api/v1/routing-table", StaffApiClient.ANALYST);

		assertThat(table.status()).isEqualTo(200);
		assertThat(table.etag()).isEqualTo("\"" + this.original.version() + "\"");
		JsonNode json = table.json();
		assertThat(json.path("defaultDepartment").asString()).isEqualTo("customer-service");
		assertThat(json.path("rules").valueStream().map((r) -> r.path("category").asString())).contains("network");
		assertThat(json.path("departments").has("network-operations")).isTrue();
		assertThat(json.path("severities").valueStream().map(JsonNode::asString))
			.containsExactly("low", "normal", "high", "critical");
	}

	@Test
	void supervisorReroutesACategoryAndTheNextComplaintGoesThere() {
		String table = """
				{"defaultDepartment":"customer-service","rules":[
				  {"category":"network","department":"customer-service","ownerRole":"supervisor"},
				  {"category":"billing","department":"billing"}]}
				""";

		Response changed = this.api.put("/api/v1/routing-table", StaffApiClient.SUPERVISOR,
				"\"" + this.original.version() + "\"", table);

		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		assertThat(changed.etag()).isEqualTo("\"" + (this.original.version() + 1) + "\"");
		assertThat(changed.json().path("updatedBy").asString()).isEqualTo("supervisor-wang");
		FeedbackReceived feedback = Feedbacks.received(Channel.PHONE, "我要投诉，手机信号太差，一直掉线", "zh");
		TestKafka.send(Feedbacks.event(feedback));
		ComplaintCase routed = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.findByFeedback(feedback.feedbackId()), Optional::isPresent)
			.orElseThrow();
		assertThat(routed.department()).isEqualTo("customer-service");
		assertThat(routed.ownerRole()).isEqualTo("supervisor");
		assertThat(routed.routingRule()).isEqualTo("rules[0]");
	}

	@Test
	void tableNamingAnUnknownCategoryOrDepartmentIsRefusedNamingThemAndTheTableStaysAsItWas() {
		Response refused = this.api.put("/api/v1/routing-table", StaffApiClient.SUPERVISOR,
				"\"" + this.original.version() + "\"", """
						{"defaultDepartment":"customer-service","rules":[
						  {"category":"network","department":"network-operations"},
						  {"category":"roaming","department":"international"}]}
						""");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("errors").valueStream().map((e) -> e.path("field").asString() + ": "
				+ e.path("message").asString()))
			.anySatisfy((e) -> assertThat(e).startsWith("rules[1].category: unknown category 'roaming'"))
			.anySatisfy((e) -> assertThat(e).startsWith("rules[1].department: unknown department 'international'"));
		assertThat(this.tables.current()).isEqualTo(this.original);
	}

	/**
	 * A misspelt criterion would be dropped and the rule match more than meant (here every critical complaint
	 * to billing); a misspelt {@code rules} would leave a table without rules: both refused naming the property.
	 */
	@Test
	void tableWithAnUnknownPropertyIsRefusedNamingItAndTheTableStaysAsItWas() {
		Response misspeltCriterion = this.api.put("/api/v1/routing-table", StaffApiClient.SUPERVISOR,
				"\"" + this.original.version() + "\"", """
						{"defaultDepartment":"customer-service","rules":[
						  {"category":"network","department":"network-operations"},
						  {"categroy":"billing","severity":"critical","department":"billing"}]}
						""");
		Response misspeltRules = this.api.put("/api/v1/routing-table", StaffApiClient.SUPERVISOR,
				"\"" + this.original.version() + "\"", """
						{"defaultDepartment":"customer-service","rule":[{"category":"billing","department":"billing"}]}
						""");

		assertThat(misspeltCriterion.status()).as(misspeltCriterion.body()).isEqualTo(400);
		assertThat(misspeltCriterion.contentType()).startsWith("application/problem+json");
		assertThat(misspeltCriterion.json().path("type").asString()).endsWith("/validation-failed");
		assertThat(misspeltCriterion.json().path("errors").valueStream().map((e) -> e.path("field").asString() + ": "
				+ e.path("message").asString()))
			.singleElement()
			.satisfies((e) -> assertThat(e).startsWith("rules[1].categroy: is not a known property; known: ")
				.contains("category"));
		assertThat(misspeltRules.status()).as(misspeltRules.body()).isEqualTo(400);
		assertThat(misspeltRules.json().path("errors").path(0).path("field").asString()).isEqualTo("rule");
		assertThat(this.tables.current()).isEqualTo(this.original);
	}

	@Test
	void onlySupervisorsChangeTheTableAndOnlyFromTheCurrentVersion() {
		String table = "{\"defaultDepartment\":\"customer-service\",\"rules\":[]}";

		Response agent = this.api.put("/api/v1/routing-table", StaffApiClient.AGENT, "\"" + this.original.version() + "\"",
				table);
		Response stale = this.api.put("/api/v1/routing-table", StaffApiClient.SUPERVISOR,
				"\"" + (this.original.version() - 1) + "\"", table);
		Response unversioned = this.api.put("/api/v1/routing-table", StaffApiClient.SUPERVISOR, null, table);

		assertThat(agent.status()).isEqualTo(403);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(unversioned.status()).isEqualTo(428);
		assertThat(this.tables.current()).isEqualTo(this.original);
	}

	@Test
	void vipCustomerReportedByTheCrmGoesToTheSupervisorDesk() {
		FeedbackReceived feedback = Feedbacks.received(Channel.WEB, "I want to complain: no signal at home again",
				"en");
		Response unknownTier = this.api.put("/api/v1/customers/" + feedback.customerId().value() + "/tier",
				StaffApiClient.SUPERVISOR, null, "{\"tier\":\"platinum\"}");
		Response agentSets = this.api.put("/api/v1/customers/" + feedback.customerId().value() + "/tier",
				StaffApiClient.AGENT, null, "{\"tier\":\"vip\"}");
		Response set = this.api.put("/api/v1/customers/" + feedback.customerId().value() + "/tier",
				StaffApiClient.SUPERVISOR, null, "{\"tier\":\"vip\"}");

		assertThat(unknownTier.status()).isEqualTo(400);
		assertThat(unknownTier.body()).contains("unknown tier 'platinum'");
		assertThat(agentSets.status()).isEqualTo(403);
		assertThat(set.status()).isEqualTo(200);
		TestKafka.send(Feedbacks.event(feedback));
		ComplaintCase routed = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.findByFeedback(feedback.feedbackId()), Optional::isPresent)
			.orElseThrow();
		assertThat(routed.tier()).isEqualTo("vip");
		assertThat(routed.department()).isEqualTo("customer-service");
		assertThat(routed.ownerRole()).isEqualTo("supervisor");
	}

}
