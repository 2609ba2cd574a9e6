package io.feedbackloop.churn.winloss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.contracts.WinLossRecorded;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WinLossControllerTests {

	@Autowired
	ProfileStore profiles;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@Test
	void lostBusinessIsPublishedKeptAndCountedInTheProfile() {
		CustomerId customer = CustomerEvents.newCustomer();
		double before = losses("competitor");
		Response answer = post("""
				{"customer": {"id": "%s", "name": "王女士", "valueTier": "gold", "salesOwnerId": "sales-12"},
				 "history": "Customer since 2019, two billing complaints", "business": "5G family plan",
				 "outcome": "lost", "reason": "competitor", "reasonText": "cheaper family plan elsewhere",
				 "winBack": "family discount", "askedBy": "analyst-3"}""".formatted(customer.value()));

		assertThat(answer.status()).isEqualTo(HttpStatus.CREATED.value());
		JsonNode body = answer.json();
		String recordId = body.path("recordId").asString();
		assertThat(answer.location()).isEqualTo("/api/v1/win-loss/" + recordId);
		assertThat(body.path("askedBySalesOwner").asBoolean()).isFalse();
		assertThat(losses("competitor")).isEqualTo(before + 1);

		WinLossRecorded published = TestKafka.readByKey(Topics.CUSTOMER_SIGNALS.name(), customer.value(), 1)
			.stream()
			.filter((r) -> EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
			.map((r) -> EventCodec.decodeData(r.value(), WinLossRecorded.class))
			.findFirst()
			.orElseThrow();
		assertThat(published.recordId()).isEqualTo(recordId);
		assertThat(published.winBack()).isEqualTo("family discount");

		Response listed = api().get("/api/v1/win-loss?customerId=" + customer.value(), StaffApiClient.AGENT);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		JsonNode list = listed.json();
		assertThat(list.size()).isEqualTo(1);
		assertThat(list.get(0).path("reason").asString()).isEqualTo("competitor");
		assertThat(list.get(0).path("month").asString()).matches("\\d{4}-\\d{2}");

		await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			CustomerProfile profile = this.profiles.find(customer).orElseThrow();
			assertThat(profile.losses()).isEqualTo(1);
			assertThat(profile.lastOutcome()).isEqualTo("lost");
			assertThat(profile.valueTier()).isEqualTo("gold");
			assertThat(profile.health()).containsEntry("lifecycleStage", "lost").containsEntry("retained", false);
		});
	}

	@Test
	void recordMadeByTheCustomersOwnSalesOwnerIsFlagged() {
		CustomerId customer = CustomerEvents.newCustomer();
		Response answer = post("""
				{"customer": {"id": "%s", "salesOwnerId": "sales-12"}, "business": "broadband renewal",
				 "outcome": "won", "reason": "price", "keeps": "the two-year price", "askedBy": "sales-12"}"""
			.formatted(customer.value()));

		assertThat(answer.status()).isEqualTo(HttpStatus.CREATED.value());
		assertThat(answer.json().path("askedBySalesOwner").asBoolean()).isTrue();
	}

	@Test
	void invalidRecordIsAProblemNamingEachField() {
		Response answer = post("""
				{"customer": {"name": "nobody"}, "outcome": "maybe", "reason": "other", "askedBy": " "}""");

		assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
		assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = answer.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/validation-failed");
		assertThat(fields(problem)).containsExactlyInAnyOrder("customer.id", "business", "outcome", "reasonText",
				"askedBy");
	}

	@Test
	void lostWithoutAWayToWinItBackIsRefused() {
		Response answer = post("""
				{"customer": {"id": "c-1"}, "business": "plan", "outcome": "lost", "reason": "relocation",
				 "askedBy": "analyst-1"}""");

		assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
		assertThat(fields(answer.json())).containsExactly("winBack");
	}

	@Test
	void unknownReasonIsRefusedWithTheTaxonomy() {
		Response answer = post("""
				{"customer": {"id": "c-1"}, "business": "plan", "outcome": "lost", "reason": "moved",
				 "winBack": "call", "askedBy": "analyst-1"}""");

		JsonNode problem = answer.json();
		assertThat(fields(problem)).containsExactly("reason");
		assertThat(problem.path("errors").get(0).path("message").asString()).contains("relocation");
	}

	private static List<String> fields(JsonNode problem) {
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((e) -> fields.add(e.path("field").asString()));
		return fields;
	}

	private double losses(String reason) {
		var counter = this.meters.find("feedbackloop.churn.losses").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Response post(String json) {
		return api().post("/api/v1/win-loss", StaffApiClient.AGENT, null, json);
	}

	private StaffApiClient api() {
		return new StaffApiClient(this.port);
	}

}
