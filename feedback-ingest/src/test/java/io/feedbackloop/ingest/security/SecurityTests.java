package io.feedbackloop.ingest.security;

import java.net.http.HttpResponse;
import java.util.Map;

import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.IngestTest;
import io.feedbackloop.ingest.TestClients;
import io.feedbackloop.local.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityTests {

	private static final String PROBLEMS = "https://feedbackloop.io/problems/";

	@LocalServerPort
	int port;

	IngestHttp http;

	@BeforeEach
	void client() {
		this.http = new IngestHttp(this.port);
	}

	@Test
	void submissionWithoutAnApiKeyIs401AndNothingReachesKafka() {
		String customerId = Feedbacks.uniqueCustomerId();

		HttpResponse<String> response = this.http.as(null).post(Feedbacks.json(Feedbacks.valid(customerId)));

		assertProblem(response, 401, "unauthenticated");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("ApiKey"));
		assertThat(IngestHttp.json(response).path("detail").asString()).contains("X-Api-Key");
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
	}

	@Test
	void unknownApiKeyIs401() {
		assertProblem(this.http.as("not-a-registered-key").post(Feedbacks.json(Feedbacks.valid("c-1"))), 401,
				"unauthenticated");
	}

	@Test
	void statusCannotBeReadWithoutAKey() {
		assertProblem(this.http.as(null).get("/api/v1/feedback/fb-anything"), 401, "unauthenticated");
	}

	@Test
	void clientMayPostOnlyForItsChannels() {
		IngestHttp smsGateway = this.http.as(TestClients.SMS_ONLY_KEY);
		Map<String, Object> sms = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		String phoneCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> phone = Feedbacks.valid(phoneCustomer);
		phone.put("channel", "phone");

		assertThat(smsGateway.post(Feedbacks.json(sms)).statusCode()).isEqualTo(202);
		HttpResponse<String> forbidden = smsGateway.post(Feedbacks.json(phone));

		assertProblem(forbidden, 403, "channel-not-allowed");
		assertThat(IngestHttp.json(forbidden).path("errors").get(0).path("field").asString()).isEqualTo("channel");
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), phoneCustomer)).isEmpty();
	}

	@Test
	void bothKeysOfAClientInRotationAreValid() {
		for (String key : new String[] { TestClients.ROTATION_OLD_KEY, TestClients.ROTATION_NEW_KEY }) {
			Map<String, Object> body = Feedbacks.valid(Feedbacks.uniqueCustomerId());
			body.put("channel", "web");

			assertThat(this.http.as(key).post(Feedbacks.json(body)).statusCode()).as(key).isEqualTo(202);
		}
	}

	@Test
	void clientOverItsRateIsAnswered429WithRetryAfter() {
		IngestHttp slow = this.http.as(TestClients.RATE_LIMITED_KEY);
		// The bucket holds two permits and refills one per 1000 s: the third request in a row is refused.
		slow.post(Feedbacks.json(Feedbacks.valid(Feedbacks.uniqueCustomerId())));
		slow.post(Feedbacks.json(Feedbacks.valid(Feedbacks.uniqueCustomerId())));
		String customerId = Feedbacks.uniqueCustomerId();

		HttpResponse<String> limited = slow.post(Feedbacks.json(Feedbacks.valid(customerId)));

		assertProblem(limited, 429, "rate-limited");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
		// Other clients are not affected.
		assertThat(this.http.post(Feedbacks.json(Feedbacks.valid(Feedbacks.uniqueCustomerId()))).statusCode())
			.isEqualTo(202);
	}

	@Test
	void healthMetricsAndApiDocumentationNeedNoKey() {
		IngestHttp anonymous = this.http.as(null);

		assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(200);
	}

	@Test
	void metadataKeysThatAreMongoDbOperatorsOrPathsAreRejectedNamingTheKey() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		body.put("metadata", Map.of("$where", "sleep(5000)", "store.id", "GZ-01", "ok", Map.of("$ne", 1)));

		HttpResponse<String> response = this.http.post(Feedbacks.json(body));

		assertProblem(response, 400, "validation-failed");
		assertThat(IngestHttp.json(response).path("errors").valueStream().map((e) -> e.path("field").asString()))
			.containsExactlyInAnyOrder("metadata.$where", "metadata.store.id", "metadata.ok.$ne");
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
	}

	@Test
	void phoneNumbersAndEmailAddressesAreMaskedInLogs(CapturedOutput output) {
		LoggerFactory.getLogger(SecurityTests.class)
			.info("customer reached at +8613800138000 and zhang.wei@example.com, national 138 0013 8000");

		assertThat(output.getOut()).contains("+86*******8000", "z***@example.com")
			.doesNotContain("+8613800138000", "zhang.wei@example.com", "138 0013 8000");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String kind) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(IngestHttp.contentType(response)).startsWith("application/problem+json");
		JsonNode problem = IngestHttp.json(response);
		assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + kind);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
	}

}
