package io.feedbackloop.ingest.idempotency;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.IngestTest;
import io.feedbackloop.local.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.feedbackloop.local.TestKafka.header;
import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class IdempotencyTests {

	private static final String KEY = "Idempotency-Key";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MongoDatabase database;

	IngestHttp http;

	@BeforeEach
	void client() {
		this.http = new IngestHttp(this.port);
	}

	@Test
	void repeatedIdempotencyKeyReturnsTheOriginalFeedbackIdWith200() {
		String customerId = Feedbacks.uniqueCustomerId();
		String body = Feedbacks.json(Feedbacks.valid(customerId));
		String key = UUID.randomUUID().toString();
		double duplicatesBefore = this.meters.get("feedbackloop.ingest.duplicates").tag("channel", "sms").counter().count();

		HttpResponse<String> first = this.http.post(body, KEY, key);
		HttpResponse<String> again = this.http.post(body, KEY, key);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(200);
		JsonNode original = IngestHttp.json(first);
		JsonNode repeat = IngestHttp.json(again);
		assertThat(repeat.path("feedbackId").asString()).isEqualTo(original.path("feedbackId").asString());
		assertThat(repeat.path("receivedAt").asString()).isEqualTo(original.path("receivedAt").asString());
		assertThat(repeat.path("duplicate").asBoolean()).isTrue();
		assertThat(original.has("duplicate")).isFalse();
		assertThat(again.headers().firstValue("Location"))
			.hasValue("/api/v1/feedback/" + original.path("feedbackId").asString());
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
		assertThat(this.meters.get("feedbackloop.ingest.duplicates").tag("channel", "sms").counter().count())
			.isEqualTo(duplicatesBefore + 1);
	}

	@Test
	void withoutAKeyTheChannelRecordIdRecognisesARepeatEvenWhenSpelledDifferently() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		HttpResponse<String> first = this.http.post(Feedbacks.json(body));
		// The same record as the channel system sends it again: spacing and phone spelling differ.
		body.put("text", "  " + body.get("text") + "\n");
		Feedbacks.customer(body).put("phone", "138 0013 8000");

		HttpResponse<String> again = this.http.post(Feedbacks.json(body));

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(IngestHttp.json(again).path("feedbackId").asString())
			.isEqualTo(IngestHttp.json(first).path("feedbackId").asString());
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
	}

	@Test
	void sameKeyWithADifferentRecordIsAConflictAndNothingIsPublished() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		String key = UUID.randomUUID().toString();
		assertThat(this.http.post(Feedbacks.json(body), KEY, key).statusCode()).isEqualTo(202);
		body.put("text", "另一条完全不同的反馈");

		HttpResponse<String> conflict = this.http.post(Feedbacks.json(body), KEY, key);

		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(IngestHttp.contentType(conflict)).startsWith("application/problem+json");
		JsonNode problem = IngestHttp.json(conflict);
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/idempotency-key-reused");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
	}

	@Test
	void sameChannelRecordIdWithADifferentRecordIsAConflictNamingIt() {
		Map<String, Object> body = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		assertThat(this.http.post(Feedbacks.json(body)).statusCode()).isEqualTo(202);
		body.put("text", "完全不同");

		HttpResponse<String> conflict = this.http.post(Feedbacks.json(body));

		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(IngestHttp.json(conflict).path("errors").get(0).path("field").asString())
			.isEqualTo("channelRecordId");
	}

	@Test
	void concurrentRepeatsMakeOneRecordAndAllGetItsId() {
		String customerId = Feedbacks.uniqueCustomerId();
		String body = Feedbacks.json(Feedbacks.valid(customerId));
		String key = UUID.randomUUID().toString();

		List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 24)
			.mapToObj((i) -> this.http.postAsync(body, KEY, key))
			.toList();
		List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

		IngestHttp.assertOneAcceptedTheRestRepeats(responses);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
	}

	@Test
	void claimLeftByAnInstanceThatDiedBeforePublishingIsTakenOverAndPublishedUnderItsId() {
		String customerId = Feedbacks.uniqueCustomerId();
		String body = Feedbacks.json(Feedbacks.valid(customerId));
		String fingerprint = fingerprintOf(body);
		String key = UUID.randomUUID().toString();
		String abandonedId = "fb-" + UUID.randomUUID();
		Instant claimedAt = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
		insertPendingClaim(key, fingerprint, abandonedId, claimedAt, claimedAt.plusSeconds(15));

		HttpResponse<String> retry = this.http.post(body, KEY, key);

		assertThat(retry.statusCode()).isEqualTo(202);
		assertThat(IngestHttp.json(retry).path("feedbackId").asString()).isEqualTo(abandonedId);
		assertThat(Instant.parse(IngestHttp.json(retry).path("receivedAt").asString())).isEqualTo(claimedAt);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId))
			.anySatisfy((record) -> assertThat(header(record, "ce_subject")).isEqualTo(abandonedId));
		assertThat(claims().find(Filters.eq("_id", "key:all:" + key)).first().getString("state"))
			.isEqualTo("published");
		assertThat(this.http.post(body, KEY, key).statusCode()).isEqualTo(200);
	}

	@Test
	void claimHeldByALiveInstanceMakesARepeatWaitThenAnswer409InProgressWithRetryAfter() {
		String customerId = Feedbacks.uniqueCustomerId();
		String body = Feedbacks.json(Feedbacks.valid(customerId));
		String fingerprint = fingerprintOf(body);
		String key = UUID.randomUUID().toString();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		insertPendingClaim(key, fingerprint, "fb-" + UUID.randomUUID(), now, now.plus(Duration.ofMinutes(2)));

		HttpResponse<String> repeat = this.http.post(body, KEY, key);

		assertThat(repeat.statusCode()).isEqualTo(409);
		assertThat(IngestHttp.json(repeat).path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/request-in-progress");
		assertThat(Long.parseLong(repeat.headers().firstValue("Retry-After").orElseThrow())).isBetween(60L, 120L);
		// Only the probe that learnt the fingerprint: the held claim's record was not published by the repeat.
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
	}

	/** The fingerprint the service computes for a body: learnt by submitting it once under another key. */
	private String fingerprintOf(String body) {
		String probeKey = "probe-" + UUID.randomUUID();
		assertThat(this.http.post(body, KEY, probeKey).statusCode()).isEqualTo(202);
		return claims().find(Filters.eq("_id", "key:all:" + probeKey)).first().getString("fingerprint");
	}

	/** A claim as an instance leaves it between claiming a key and Kafka's acknowledgement. */
	private void insertPendingClaim(String key, String fingerprint, String feedbackId, Instant receivedAt,
			Instant leaseUntil) {
		claims().insertOne(new Document("_id", "key:all:" + key).append("fingerprint", fingerprint)
			.append("feedbackId", feedbackId)
			.append("receivedAt", Date.from(receivedAt))
			.append("state", "pending")
			.append("leaseUntil", Date.from(leaseUntil))
			.append("version", 1L));
	}

	private MongoCollection<Document> claims() {
		return this.database.getCollection("intake_claims");
	}

}
