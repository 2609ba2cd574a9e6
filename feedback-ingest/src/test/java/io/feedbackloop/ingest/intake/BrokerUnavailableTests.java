package io.feedbackloop.ingest.intake;

import java.net.http.HttpResponse;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.KafkaRecords;
import io.feedbackloop.local.Ports;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Its own context: the event publisher points at a port nobody listens on. The binder keeps the
 * real broker, with its consumer not started, so that this context neither fails to start nor
 * joins the main context's consumer group. Closed after the class, so that its producer stops
 * trying to reach the missing broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "feedbackloop.kafka.send-timeout=1s",
				"spring.cloud.stream.kafka.binder.brokers=${KAFKA_BOOTSTRAP_SERVERS}",
				"spring.cloud.stream.bindings.caseEvents-in-0.consumer.auto-startup=false" })
@DirtiesContext
class BrokerUnavailableTests {

	@DynamicPropertySource
	static void unreachableBroker(DynamicPropertyRegistry registry) {
		int closedPort = Ports.free();
		registry.add("feedbackloop.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MongoDatabase database;

	@Test
	void unacknowledgedFeedbackIsAnswered503WithRetryAfterAndNothingIsKept() {
		String customerId = Feedbacks.uniqueCustomerId();
		double failuresBefore = this.meters.get("feedbackloop.ingest.broker.failures").counter().count();

		HttpResponse<String> response = new IngestHttp(this.port).post(Feedbacks.json(Feedbacks.valid(customerId)));

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(IngestHttp.contentType(response)).startsWith("application/problem+json");
		JsonNode problem = IngestHttp.json(response);
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/broker-unavailable");
		assertThat(problem.has("feedbackId")).isFalse();
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
		assertThat(this.meters.get("feedbackloop.ingest.broker.failures").counter().count())
			.isEqualTo(failuresBefore + 1);
		assertThat(KafkaRecords.withKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
		assertThat(this.database.getCollection("feedback").countDocuments(Filters.eq("customerId", customerId)))
			.isZero();
	}

}
