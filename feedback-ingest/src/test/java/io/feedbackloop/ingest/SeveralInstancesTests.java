package io.feedbackloop.ingest;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.Ports;
import io.feedbackloop.local.TestInfrastructure;
import io.feedbackloop.local.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static io.feedbackloop.local.TestKafka.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several ingest instances on one broker and one database, as in production: the test context is
 * instance A; B is a second healthy instance; C is an instance whose Kafka producer points at a port
 * nobody listens on (its broker is "in trouble"). Claims live in MongoDB, so the guarantees hold across
 * them.
 */
@IngestTest
class SeveralInstancesTests {

	private static final String KEY = "Idempotency-Key";

	private static ConfigurableApplicationContext instanceB;

	private static ConfigurableApplicationContext instanceC;

	@LocalServerPort
	int port;

	@Autowired
	MongoDatabase database;

	IngestHttp a;

	IngestHttp b;

	IngestHttp c;

	@BeforeAll
	static void startTwoMoreInstances() {
		TestInfrastructure.Endpoints infra = TestInfrastructure.get();
		instanceB = start(infra.kafkaBootstrapServers(), infra.mongoUri(), infra);
		instanceC = start("127.0.0.1:" + Ports.free(), infra.mongoUri(), infra, "--feedbackloop.kafka.send-timeout=1s");
	}

	@AfterAll
	static void stopThem() {
		Stream.of(instanceB, instanceC).filter((context) -> context != null).forEach(ConfigurableApplicationContext::close);
	}

	@BeforeEach
	void clients() {
		this.a = new IngestHttp(this.port);
		this.b = new IngestHttp(portOf(instanceB));
		this.c = new IngestHttp(portOf(instanceC));
	}

	@Test
	void concurrentRepeatsOnTwoInstancesMakeOneRecord() {
		String customerId = Feedbacks.uniqueCustomerId();
		String body = Feedbacks.json(Feedbacks.valid(customerId));
		String key = UUID.randomUUID().toString();
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			calls.add(this.a.postAsync(body, KEY, key));
			calls.add(this.b.postAsync(body, KEY, key));
		}

		List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

		IngestHttp.assertOneAcceptedTheRestRepeats(responses);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
	}

	@Test
	void unacknowledgedFeedbackIs503WithRetryAfterAndARetryElsewherePublishesItUnderTheClaimedId() {
		String customerId = Feedbacks.uniqueCustomerId();
		String body = Feedbacks.json(Feedbacks.valid(customerId));
		String key = UUID.randomUUID().toString();
		MeterRegistry metersC = instanceC.getBean(MeterRegistry.class);
		double failuresBefore = metersC.get("feedbackloop.ingest.broker.failures").counter().count();

		HttpResponse<String> refused = this.c.post(body, KEY, key);

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(IngestHttp.contentType(refused)).startsWith("application/problem+json");
		JsonNode problem = IngestHttp.json(refused);
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/broker-unavailable");
		assertThat(problem.has("feedbackId")).isFalse();
		assertThat(refused.body()).doesNotContain("Exception", "\tat ");
		assertThat(metersC.get("feedbackloop.ingest.broker.failures").counter().count()).isEqualTo(failuresBefore + 1);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
		assertThat(this.database.getCollection("feedback").countDocuments(Filters.eq("customerId", customerId))).isZero();
		Document claim = this.database.getCollection("intake_claims").find(Filters.eq("_id", "key:all:" + key)).first();
		assertThat(claim.getString("state")).isEqualTo("pending");
		assertThat(claim.getDate("leaseUntil").toInstant()).isBeforeOrEqualTo(Instant.now());

		// The caller retries at once, and the load balancer sends it to a healthy instance.
		HttpResponse<String> retried = this.a.post(body, KEY, key);

		assertThat(retried.statusCode()).isEqualTo(202);
		assertThat(IngestHttp.json(retried).path("feedbackId").asString()).isEqualTo(claim.getString("feedbackId"));
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).singleElement()
			.satisfies((record) -> assertThat(header(record, "ce_subject")).isEqualTo(claim.getString("feedbackId")));
		assertThat(this.b.post(body, KEY, key).statusCode()).isEqualTo(200);
	}

	@Test
	void batchOnAnInstanceWhoseBrokerIsInTroubleReportsEveryRecord503AndDropsNone() {
		List<String> customers = List.of(Feedbacks.uniqueCustomerId(), Feedbacks.uniqueCustomerId(),
				Feedbacks.uniqueCustomerId());
		List<Object> records = new ArrayList<>(customers.stream().map(Feedbacks::valid).toList());
		Map<String, Object> invalid = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		invalid.put("occurredAt", "yesterday");
		records.add(1, invalid);
		String batch = Feedbacks.json(Map.of("records", records));

		HttpResponse<String> refused = this.c.postBatch(batch);

		assertThat(refused.statusCode()).isEqualTo(207);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		JsonNode answer = IngestHttp.json(refused);
		assertThat(answer.path("unavailable").asInt()).isEqualTo(3);
		assertThat(answer.path("results").valueStream().map((r) -> r.path("status").asInt()))
			.containsExactly(503, 400, 503, 503);
		assertThat(answer.path("results").get(0).path("problem").path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/broker-unavailable");
		for (String customerId : customers) {
			assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
		}

		HttpResponse<String> retried = this.a.postBatch(batch);

		assertThat(IngestHttp.json(retried).path("results").valueStream().map((r) -> r.path("status").asInt()))
			.containsExactly(202, 400, 202, 202);
		for (String customerId : customers) {
			assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
		}
	}

	@Test
	void statusOnAnInstanceWhoseMongoDbDoesNotAnswerIs503WithRetryAfter() {
		TestInfrastructure.Endpoints infra = TestInfrastructure.get();
		// Instance D: a healthy broker, but nobody listens where its MongoDB should be.
		try (ConfigurableApplicationContext instanceD = start(infra.kafkaBootstrapServers(),
				"mongodb://127.0.0.1:" + Ports.free() + "/?serverSelectionTimeoutMS=300", infra,
				"--feedbackloop.ingest.status-timeout=300ms")) {
			HttpResponse<String> response = new IngestHttp(portOf(instanceD)).get(IngestHttp.FEEDBACK + "/fb-any",
					"application/json, application/problem+json");

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(IngestHttp.contentType(response)).startsWith("application/problem+json");
			JsonNode problem = IngestHttp.json(response);
			assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/store-unavailable");
			assertThat(problem.path("status").asInt()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(response.body()).doesNotContain("Exception", "mongo", "127.0.0.1");
		}
	}

	private static ConfigurableApplicationContext start(String producerBootstrap, String mongoUri,
			TestInfrastructure.Endpoints infra, String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--feedbackloop.kafka.bootstrap-servers=" + producerBootstrap,
				"--spring.cloud.stream.kafka.binder.brokers=" + infra.kafkaBootstrapServers(),
				"--spring.mongodb.uri=" + mongoUri,
				// Not a consumer of complaint.cases: the test context is, and must not be rebalanced away.
				"--spring.cloud.stream.bindings.caseEvents-in-0.consumer.auto-startup=false"));
		for (String property : TestClients.ALL) {
			args.add("--" + property);
		}
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(FeedbackIngestApplication.class).run(args.toArray(String[]::new));
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
