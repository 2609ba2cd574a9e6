package io.feedbackloop.ingest.intake;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.IngestTest;
import io.feedbackloop.ingest.TestClients;
import io.feedbackloop.ingest.security.ClientProperties;
import io.feedbackloop.ingest.security.ClientRegistry;
import io.feedbackloop.ingest.security.ClientStore;
import io.feedbackloop.local.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.feedbackloop.local.TestKafka.header;
import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class BatchTests {

	private static final String PROBLEMS = "https://feedbackloop.io/problems/";

	@LocalServerPort
	int port;

	@Autowired
	ClientStore clientStore;

	@Autowired
	ClientRegistry clientRegistry;

	IngestHttp http;

	@BeforeEach
	void client() {
		this.http = new IngestHttp(this.port);
	}

	@Test
	void everyRecordGetsItsOwnResultAndBadRecordsDoNotFailGoodOnes() {
		String good = Feedbacks.uniqueCustomerId();
		Map<String, Object> first = Feedbacks.valid(good);
		first.put("idempotencyKey", "batch-" + UUID.randomUUID());
		Map<String, Object> wrongType = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		wrongType.put("text", Map.of("not", "text"));
		Map<String, Object> noChannel = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		noChannel.remove("channel");
		Map<String, Object> sameAgain = new LinkedHashMap<>(first);
		Map<String, Object> sameKeyOtherText = new LinkedHashMap<>(first);
		sameKeyOtherText.put("text", "different");
		Map<String, Object> injection = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		injection.put("metadata", Map.of("$set", Map.of("status", "closed")));
		Map<String, Object> second = Feedbacks.valid(Feedbacks.uniqueCustomerId());

		HttpResponse<String> response = this.http.postBatch(Feedbacks.json(Map.of("records",
				List.of(first, wrongType, noChannel, sameAgain, "not an object", injection, second))));

		assertThat(response.statusCode()).isEqualTo(207);
		JsonNode answer = IngestHttp.json(response);
		assertThat(answer.path("total").asInt()).isEqualTo(7);
		assertThat(answer.path("accepted").asInt()).isEqualTo(2);
		assertThat(answer.path("duplicates").asInt()).isEqualTo(1);
		assertThat(answer.path("rejected").asInt()).isEqualTo(4);
		JsonNode results = answer.path("results");
		assertThat(results.valueStream().map((r) -> r.path("index").asInt())).containsExactly(0, 1, 2, 3, 4, 5, 6);
		assertThat(results.valueStream().map((r) -> r.path("status").asInt()))
			.containsExactly(202, 400, 400, 200, 400, 400, 202);
		String feedbackId = results.get(0).path("feedbackId").asString();
		assertThat(results.get(3).path("feedbackId").asString()).isEqualTo(feedbackId);
		assertItemProblem(results.get(1), "validation-failed", "text");
		assertItemProblem(results.get(2), "validation-failed", "channel");
		assertItemProblem(results.get(4), "validation-failed", "body");
		assertItemProblem(results.get(5), "validation-failed", "metadata.$set");
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), good)).singleElement()
			.satisfies((record) -> assertThat(header(record, "ce_subject")).isEqualTo(feedbackId));

		HttpResponse<String> conflict = this.http
			.postBatch(Feedbacks.json(Map.of("records", List.of(sameKeyOtherText))));
		assertThat(conflict.statusCode()).isEqualTo(207);
		assertItemProblem(IngestHttp.json(conflict).path("results").get(0), "idempotency-key-reused",
				"idempotencyKey");
	}

	@Test
	void batchOfGoodRecordsIs200AndSendingItAgainGivesTheSameIds() {
		List<Map<String, Object>> records = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			records.add(Feedbacks.valid(Feedbacks.uniqueCustomerId()));
		}
		String batch = Feedbacks.json(Map.of("records", records));

		HttpResponse<String> first = this.http.postBatch(batch);
		HttpResponse<String> again = this.http.postBatch(batch);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(IngestHttp.json(first).path("accepted").asInt()).isEqualTo(20);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(IngestHttp.json(again).path("duplicates").asInt()).isEqualTo(20);
		List<String> ids = IngestHttp.json(first).path("results").valueStream()
			.map((r) -> r.path("feedbackId").asString())
			.toList();
		assertThat(ids).doesNotHaveDuplicates().hasSize(20);
		assertThat(IngestHttp.json(again).path("results").valueStream().map((r) -> r.path("feedbackId").asString()))
			.containsExactlyElementsOf(ids);
		for (Map<String, Object> record : records) {
			assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), ((Map<?, ?>) record.get("customer")).get("id")
				.toString())).hasSize(1);
		}
	}

	@Test
	void recordsForAChannelTheClientMayNotPostForAreRefusedOneByOne() {
		Map<String, Object> sms = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		Map<String, Object> phone = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		phone.put("channel", "phone");

		HttpResponse<String> response = this.http.as(TestClients.SMS_ONLY_KEY)
			.postBatch(Feedbacks.json(Map.of("records", List.of(sms, phone))));

		JsonNode results = IngestHttp.json(response).path("results");
		assertThat(results.get(0).path("status").asInt()).isEqualTo(202);
		assertItemProblem(results.get(1), "channel-not-allowed", "channel");
	}

	@Test
	void batchOfMoreThan500RecordsOrNoneIsRefusedAsAWhole() {
		List<Map<String, Object>> records = new ArrayList<>();
		Map<String, Object> record = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		for (int i = 0; i < 501; i++) {
			records.add(record);
		}

		for (Object body : List.of(Map.of("records", records), Map.of("records", List.of()), Map.of("other", 1))) {
			HttpResponse<String> response = this.http.postBatch(Feedbacks.json(body));

			assertThat(response.statusCode()).isEqualTo(400);
			JsonNode problem = IngestHttp.json(response);
			assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "validation-failed");
			assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("records");
		}
	}

	@Test
	void aRecordOverTheSingleBodyLimitIsRefused413InTheBatchWithoutFailingTheOthers() {
		// Valid by every field rule (metadata: 50 keys a level, 1024 characters a value), yet some 100 KB:
		// alone it would be refused 413 (64 KiB), so in a batch too, and never published.
		String bigCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> big = Feedbacks.valid(bigCustomer);
		Map<String, Object> metadata = new LinkedHashMap<>();
		Map<String, Object> nested = new LinkedHashMap<>();
		for (int i = 0; i < 49; i++) {
			metadata.put("k" + i, "m".repeat(1024));
			nested.put("n" + i, "n".repeat(1024));
		}
		metadata.put("nested", nested);
		big.put("metadata", metadata);
		assertThat(Feedbacks.json(big).length()).isGreaterThan(64 * 1024);
		String goodCustomer = Feedbacks.uniqueCustomerId();

		HttpResponse<String> response = this.http.postBatch(
				Feedbacks.json(Map.of("records", List.of(big, Feedbacks.valid(goodCustomer)))));

		assertThat(response.statusCode()).isEqualTo(207);
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		JsonNode answer = IngestHttp.json(response);
		assertThat(answer.path("rejected").asInt()).isEqualTo(1);
		assertThat(answer.path("unavailable").asInt()).isZero();
		JsonNode results = answer.path("results");
		assertThat(results.get(0).path("status").asInt()).isEqualTo(413);
		assertItemProblem(results.get(0), "payload-too-large", "body");
		assertThat(results.get(0).path("problem").has("retryAfter")).isFalse();
		assertThat(results.get(1).path("status").asInt()).isEqualTo(202);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), goodCustomer)).hasSize(1);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), bigCustomer)).isEmpty();
	}

	@Test
	void aBatchCostsOneRateLimitPermitPerRecordAndOneLargerThanTheBurstIsRefusedAsAWhole() {
		// A client of its own: a burst of 5 permits, one more per 1000 s (none come back during the test).
		String id = "batch-burst-" + UUID.randomUUID();
		String key = "key-" + UUID.randomUUID();
		this.clientStore.put(id,
				new ClientProperties.Client(List.of("sms"), List.of(ClientRegistry.sha256(key)), List.of(), 0.001, 5));
		this.clientRegistry.refresh();
		IngestHttp limited = this.http.as(key);

		HttpResponse<String> overBurst = limited.postBatch(batchOf(6));

		assertThat(overBurst.statusCode()).isEqualTo(400);
		assertThat(IngestHttp.contentType(overBurst)).startsWith("application/problem+json");
		JsonNode problem = IngestHttp.json(overBurst);
		assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "validation-failed");
		assertThat(problem.path("detail").asString()).contains("6 records", "burst of 5");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("records");

		// The refused request cost its one permit; three records take three of the four left.
		assertThat(limited.postBatch(batchOf(3)).statusCode()).isEqualTo(200);

		HttpResponse<String> overRate = limited.postBatch(batchOf(2));
		assertThat(overRate.statusCode()).isEqualTo(429);
		assertThat(IngestHttp.json(overRate).path("type").asString()).isEqualTo(PROBLEMS + "rate-limited");
		assertThat(overRate.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
				(seconds) -> assertThat(seconds).as("until the second record's permit is back").isBetween(990L, 1000L));
	}

	private static String batchOf(int size) {
		List<Map<String, Object>> records = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			records.add(Feedbacks.valid(Feedbacks.uniqueCustomerId()));
		}
		return Feedbacks.json(Map.of("records", records));
	}

	private static void assertItemProblem(JsonNode item, String kind, String field) {
		JsonNode problem = item.path("problem");
		assertThat(problem.path("type").asString()).as(item.toString()).isEqualTo(PROBLEMS + kind);
		assertThat(problem.path("status").asInt()).isEqualTo(item.path("status").asInt());
		assertThat(problem.path("errors").valueStream().map((e) -> e.path("field").asString())).as(item.toString())
			.contains(field);
		assertThat(item.has("feedbackId")).isFalse();
	}

}
