package io.feedbackloop.churn.winloss;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.contracts.WinLossRecorded;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
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

	@Autowired
	MongoDatabase database;

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

		WinLossRecorded published = published(customer);
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
	void aRecordKeepsTheCustomersHistoryAsThePlatformKnewItThenEvenWhenRepeatedLater() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived complaint = CustomerEvents.feedback(customer, Channel.PHONE);
		CustomerEvents.complaint(complaint, "billing").forEach(TestKafka::send);
		TestKafka.send(CustomerEvents.slaBreached(complaint, SlaTimerKind.FIRST_RESPONSE, "standard"));
		await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			CustomerProfile profile = this.profiles.find(customer).orElseThrow();
			assertThat(profile.contacts()).isEqualTo(1);
			assertThat(profile.openComplaints()).isEqualTo(1);
			assertThat(profile.slaBreaches()).isEqualTo(1);
		});
		String key = "crm-" + UUID.randomUUID();
		String record = """
				{"customer": {"id": "%s"}, "business": "5G family plan", "outcome": "lost", "reason": "service-failure",
				 "winBack": "fix the bill and call back", "askedBy": "analyst-3"}""".formatted(customer.value());

		Response first = post(record, key);

		assertThat(first.status()).as(first.body()).isEqualTo(HttpStatus.CREATED.value());
		JsonNode history = first.json().path("serviceHistory");
		assertThat(history.path("contacts").asLong()).isEqualTo(1);
		assertThat(history.path("complaints").asLong()).isEqualTo(1);
		assertThat(history.path("openComplaints").asLong()).isEqualTo(1);
		assertThat(history.path("complaintOutcome").asString()).isEqualTo("unresolved");
		assertThat(history.path("slaBreaches").asLong()).isEqualTo(1);
		assertThat(history.path("lastCaseId").asString()).isEqualTo(CustomerEvents.caseFor(complaint).value());
		assertThat(history.path("firstContactAt").asString()).isEqualTo(complaint.receivedAt().toString());
		WinLossRecorded published = published(customer);
		assertThat(published.serviceHistory()).isNotNull();
		assertThat(published.serviceHistory().slaBreaches()).isEqualTo(1);
		JsonNode listed = api().get("/api/v1/win-loss?customerId=" + customer.value(), StaffApiClient.AGENT).json();
		assertThat(listed.get(0).path("serviceHistory").path("slaBreaches").asLong()).isEqualTo(1);
		assertThat(listed.get(0).path("serviceHistory").path("lastCaseId")).isEqualTo(history.path("lastCaseId"));
		assertThat(listed.get(0).path("serviceHistory").path("firstContactAt")).isEqualTo(history.path("firstContactAt"));

		// the customer writes again and the CRM retries: the record still says what was known when it was made
		CustomerEvents.complaint(CustomerEvents.feedback(customer, Channel.SMS), "network").forEach(TestKafka::send);
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.profiles.find(customer).orElseThrow().contacts()).isEqualTo(2));
		Response again = post(record, key);
		assertThat(again.status()).as(again.body()).isEqualTo(HttpStatus.OK.value());
		assertThat(again.json()).isEqualTo(first.json());
	}

	@Test
	void aRecordKeptBeforeRecordsHadAServiceHistoryIsStillAnsweredToItsRepeat() {
		CustomerId customer = CustomerEvents.newCustomer();
		CustomerEvents.complaint(CustomerEvents.feedback(customer, Channel.WEB), "network").forEach(TestKafka::send);
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.profiles.find(customer).orElseThrow().contacts()).isEqualTo(1));
		String key = "crm-" + UUID.randomUUID();
		// the record as the version before serviceHistory kept it, under the id the key gives it
		String recordId = recordId(customer, key);
		Instant recordedAt = Instant.parse("2026-11-20T09:00:00.125Z");
		this.database.getCollection(WinLossLog.COLLECTION)
			.insertOne(new Document("_id", recordId).append("customerId", customer.value())
				.append("customerName", null)
				.append("valueTier", null)
				.append("salesOwnerId", null)
				.append("history", null)
				.append("business", "mobile plan")
				.append("outcome", "won")
				.append("reason", "price")
				.append("reasonText", null)
				.append("winBack", null)
				.append("keeps", "the student discount")
				.append("askedBy", "analyst-2")
				.append("askedBySalesOwner", false)
				.append("recordedAt", Date.from(recordedAt))
				.append("month", "2026-11"));

		Response again = post("""
				{"customer": {"id": "%s"}, "business": "mobile plan", "outcome": "won", "reason": "price",
				 "keeps": "the student discount", "askedBy": "analyst-2"}""".formatted(customer.value()), key);

		assertThat(again.status()).as(again.body()).isEqualTo(HttpStatus.OK.value());
		assertThat(again.json().path("recordId").asString()).isEqualTo(recordId);
		assertThat(again.json().path("recordedAt").asString()).isEqualTo(recordedAt.toString());
		assertThat(again.json().path("serviceHistory").isObject()).isFalse();
	}

	@Test
	void aCustomerThePlatformNeverHeardFromHasNoServiceHistory() {
		Response answer = post("""
				{"customer": {"id": "%s"}, "business": "broadband", "outcome": "won", "reason": "price",
				 "keeps": "the two-year price", "askedBy": "analyst-1"}""".formatted(CustomerEvents.newCustomer().value()));

		assertThat(answer.status()).as(answer.body()).isEqualTo(HttpStatus.CREATED.value());
		assertThat(answer.json().path("serviceHistory").isObject()).as(answer.body()).isFalse();
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
	void aBodyThatIsNotJsonIsAProblemNamingTheBody() {
		Response answer = post("{oops");

		assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
		assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = answer.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/invalid-json");
		assertThat(fields(problem)).containsExactly("body");
	}

	@Test
	void aMethodTheRecordsDoNotTakeIsAProblemOfItsOwnType() {
		Response answer = api().send("DELETE", "/api/v1/win-loss", StaffApiClient.AGENT, null, null);

		assertThat(answer.status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED.value());
		assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(answer.json().path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/method-not-allowed");
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

	@Test
	void repeatWithTheSameIdempotencyKeyAnswersTheOriginalRecordWithoutASecondOne() {
		CustomerId customer = CustomerEvents.newCustomer();
		String key = "crm-" + UUID.randomUUID();
		String record = """
				{"customer": {"id": "%s", "valueTier": "vip"}, "business": "5G family plan", "outcome": "lost",
				 "reason": "price", "winBack": "a family discount", "askedBy": "analyst-3"}""".formatted(customer.value());
		double before = losses("price");

		Response first = post(record, key);
		assertThat(first.status()).as(first.body()).isEqualTo(HttpStatus.CREATED.value());
		// The CRM timed out and sends it again, with the same key.
		Response again = post(record, key);
		assertThat(again.status()).as(again.body()).isEqualTo(HttpStatus.OK.value());
		assertThat(again.json()).isEqualTo(first.json());
		assertThat(again.location()).isEqualTo(first.location());

		assertThat(api().get("/api/v1/win-loss?customerId=" + customer.value(), StaffApiClient.AGENT).json().size())
			.isEqualTo(1);
		assertThat(TestKafka.readAllByKey(Topics.CUSTOMER_SIGNALS.name(), customer.value())).filteredOn(
				(r) -> EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
			.hasSize(1);
		assertThat(losses("price")).isEqualTo(before + 1);
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.profiles.find(customer).orElseThrow().losses()).isEqualTo(1));

		// Without a key every request is a record of its own, as before.
		assertThat(post(record).status()).isEqualTo(HttpStatus.CREATED.value());
		assertThat(api().get("/api/v1/win-loss?customerId=" + customer.value(), StaffApiClient.AGENT).json().size())
			.isEqualTo(2);
	}

	@Test
	void sameIdempotencyKeyForADifferentRecordIsAConflict() {
		CustomerId customer = CustomerEvents.newCustomer();
		String key = "crm-" + UUID.randomUUID();
		String record = """
				{"customer": {"id": "%s"}, "business": "broadband", "outcome": "lost", "reason": "relocation",
				 "winBack": "%s", "askedBy": "analyst-3"}""";
		assertThat(post(record.formatted(customer.value(), "offer at the new address"), key).status())
			.isEqualTo(HttpStatus.CREATED.value());

		Response conflict = post(record.formatted(customer.value(), "nothing"), key);
		assertThat(conflict.status()).as(conflict.body()).isEqualTo(HttpStatus.CONFLICT.value());
		assertThat(conflict.isProblem()).isTrue();
		assertThat(conflict.json().path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/idempotency-key-reused");
		assertThat(fields(conflict.json())).containsExactly("Idempotency-Key");
		assertThat(api().get("/api/v1/win-loss?customerId=" + customer.value(), StaffApiClient.AGENT).json()
			.get(0).path("winBack").asString()).isEqualTo("offer at the new address");

		// The key names a record of one customer: another customer's record with it is its own.
		CustomerId other = CustomerEvents.newCustomer();
		assertThat(post(record.formatted(other.value(), "nothing"), key).status()).isEqualTo(HttpStatus.CREATED.value());
		Response badKey = post(record.formatted(other.value(), "nothing"), "not a key");
		assertThat(badKey.status()).isEqualTo(HttpStatus.BAD_REQUEST.value());
		assertThat(fields(badKey.json())).containsExactly("Idempotency-Key");
	}

	@Test
	void sameKeySentByManyRequestsAtOnceRecordsAndPublishesOnce() throws Exception {
		CustomerId customer = CustomerEvents.newCustomer();
		String key = "crm-" + UUID.randomUUID();
		String record = """
				{"customer": {"id": "%s"}, "business": "home broadband", "outcome": "lost", "reason": "service-failure",
				 "winBack": "a fibre upgrade", "askedBy": "analyst-3"}""".formatted(customer.value());
		double before = losses("service-failure");
		int requests = 8;
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		List<Response> answers = new ArrayList<>();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Response>> sent = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				sent.add(pool.submit(() -> {
					start.await();
					return post(record, key);
				}));
			}
			start.countDown();
			for (Future<Response> answer : sent) {
				answers.add(answer.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(answers).filteredOn((a) -> a.status() == HttpStatus.CREATED.value()).hasSize(1);
		JsonNode created = answers.stream().filter((a) -> a.status() == HttpStatus.CREATED.value()).findFirst()
			.orElseThrow().json();
		assertThat(answers).allSatisfy((a) -> {
			if (a.status() == HttpStatus.OK.value()) {
				assertThat(a.json()).isEqualTo(created);
			}
			else if (a.status() == HttpStatus.CONFLICT.value()) {
				assertThat(a.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/request-in-progress");
				assertThat(a.headers().firstValue("Retry-After")).isPresent();
			}
			else {
				assertThat(a.status()).as(a.body()).isEqualTo(HttpStatus.CREATED.value());
			}
		});
		assertThat(TestKafka.readAllByKey(Topics.CUSTOMER_SIGNALS.name(), customer.value())).filteredOn(
				(r) -> EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
			.hasSize(1);
		assertThat(losses("service-failure")).isEqualTo(before + 1);
		// Once the first request is done, a repeat gets its record.
		Response later = post(record, key);
		assertThat(later.status()).isEqualTo(HttpStatus.OK.value());
		assertThat(later.json()).isEqualTo(created);
	}

	@Test
	void aRepeatWhileTheFirstRequestIsPublishingIsToldToComeBackAndAnAbandonedClaimIsTakenOver() {
		CustomerId customer = CustomerEvents.newCustomer();
		String key = "crm-" + UUID.randomUUID();
		String record = """
				{"customer": {"id": "%s"}, "business": "prepaid", "outcome": "won", "reason": "competitor",
				 "keeps": "the shop's help", "askedBy": "analyst-3"}""".formatted(customer.value());
		String recordId = recordId(customer, key);
		MongoCollection<Document> claims = claims();
		// Another instance claimed this record id a moment ago and is publishing it.
		claims.insertOne(new Document("_id", recordId).append("leaseUntil", Date.from(Instant.now().plusSeconds(40))));

		Response busy = post(record, key);
		assertThat(busy.status()).as(busy.body()).isEqualTo(HttpStatus.CONFLICT.value());
		assertThat(busy.isProblem()).isTrue();
		assertThat(busy.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/request-in-progress");
		assertThat(Long.parseLong(busy.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 40L);
		assertThat(api().get("/api/v1/win-loss?customerId=" + customer.value(), StaffApiClient.AGENT).json().size())
			.isZero();

		// That instance died: once its lease is over, the claim is taken over and the record made.
		claims.updateOne(Filters.eq("_id", recordId),
				Updates.set("leaseUntil", Date.from(Instant.now().minusSeconds(1))));
		Response taken = post(record, key);
		assertThat(taken.status()).as(taken.body()).isEqualTo(HttpStatus.CREATED.value());
		assertThat(taken.json().path("recordId").asString()).isEqualTo(recordId);
		assertThat(claims.countDocuments(Filters.eq("_id", recordId))).isZero();
	}

	@Test
	void aRequestThatFailedAfterPublishingIsRepeatedWithTheRecordItPublished() {
		CustomerId customer = CustomerEvents.newCustomer();
		String key = "crm-" + UUID.randomUUID();
		String record = """
				{"customer": {"id": "%s"}, "business": "broadband", "outcome": "lost", "reason": "service-failure",
				 "winBack": "a technician visit", "askedBy": "analyst-3"}""".formatted(customer.value());
		String recordId = recordId(customer, key);
		MongoCollection<Document> claims = claims();
		Response first = post(record, key);
		assertThat(first.status()).as(first.body()).isEqualTo(HttpStatus.CREATED.value());
		// its event came back from the topic and was applied (it keeps the record again): nothing more to come
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.profiles.find(customer).orElseThrow().losses()).isEqualTo(1));
		// As if the first request had published an hour ago, not heard back in time and failed: its record is in
		// Kafka (or may be), none is kept, and its claim holds the record it published.
		MongoCollection<Document> records = this.database.getCollection("win_loss");
		Document published = records.find(Filters.eq("_id", recordId)).first();
		Instant anHourAgo = Instant.parse(first.json().path("recordedAt").asString()).minusSeconds(3600);
		published.put("recordedAt", Date.from(anHourAgo));
		published.put("month", java.time.YearMonth.from(anHourAgo.atZone(java.time.ZoneOffset.UTC)).toString());
		records.deleteOne(Filters.eq("_id", recordId));
		claims.insertOne(new Document("_id", recordId).append("owner", "failed-request")
			.append("leaseUntil", Date.from(Instant.now().minusSeconds(1)))
			.append("record", published));

		Response again = post(record, key);

		assertThat(again.status()).as(again.body()).isEqualTo(HttpStatus.CREATED.value());
		assertThat(Instant.parse(again.json().path("recordedAt").asString())).isEqualTo(anHourAgo);
		assertThat(records.find(Filters.eq("_id", recordId)).first().getDate("recordedAt").toInstant())
			.isEqualTo(anHourAgo);
		assertThat(claims.countDocuments(Filters.eq("_id", recordId))).isZero();

		// A different record sent with the key of such a claim is refused; the claim stays for the true repeat.
		String otherKey = "crm-" + UUID.randomUUID();
		String otherId = recordId(customer, otherKey);
		claims.insertOne(new Document("_id", otherId).append("owner", "failed-request")
			.append("leaseUntil", Date.from(Instant.now().minusSeconds(1)))
			.append("record", new Document(published).append("_id", otherId)));
		Response different = post(record.replace("a technician visit", "a discount"), otherKey);
		assertThat(different.status()).as(different.body()).isEqualTo(HttpStatus.CONFLICT.value());
		assertThat(different.json().path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/idempotency-key-reused");
		Document left = claims.find(Filters.eq("_id", otherId)).first();
		assertThat(left.get("record", Document.class).getString("winBack")).isEqualTo("a technician visit");
		assertThat(left.getDate("leaseUntil")).isBeforeOrEqualTo(new Date());
	}

	/** The id of a customer's record sent with an {@code Idempotency-Key}. */
	private static String recordId(CustomerId customer, String key) {
		return "WL-" + EventCodec.derivedId("win_loss", customer.value(), key);
	}

	/** Where requests with a key claim their record id while they publish. */
	private MongoCollection<Document> claims() {
		return this.database.getCollection("win_loss_requests");
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

	/** A POST with an {@code Idempotency-Key}, which {@link StaffApiClient} does not send. */
	private Response post(String json, String idempotencyKey) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/win-loss"))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
			.header(StaffApiClient.HEADER, StaffApiClient.AGENT)
			.header("Idempotency-Key", idempotencyKey)
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private StaffApiClient api() {
		return new StaffApiClient(this.port);
	}

	private static WinLossRecorded published(CustomerId customer) {
		return TestKafka.readByKey(Topics.CUSTOMER_SIGNALS.name(), customer.value(), 1)
			.stream()
			.filter((r) -> EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
			.map((r) -> EventCodec.decodeData(r.value(), WinLossRecorded.class))
			.findFirst()
			.orElseThrow();
	}

}
