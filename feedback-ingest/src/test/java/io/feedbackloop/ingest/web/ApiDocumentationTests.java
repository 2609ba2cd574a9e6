package io.feedbackloop.ingest.web;

import java.net.http.HttpResponse;

import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.IngestTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class ApiDocumentationTests {

	@LocalServerPort
	int port;

	@Test
	void openApiDocumentHasAnExamplePerChannelAndDescribesTheApiInChineseAndEnglish() {
		HttpResponse<String> response = new IngestHttp(this.port, null).get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode api = IngestHttp.json(response);
		assertThat(api.path("openapi").asString()).startsWith("3.");
		JsonNode examples = api.path("paths").path("/api/v1/feedback").path("post").path("requestBody")
			.path("content").path("application/json").path("examples");
		assertThat(examples.propertyNames()).containsExactlyInAnyOrder("phone", "sms", "web", "app");
		assertThat(examples.path("phone").path("value").toString()).contains("phoneCall", "ivrPath");
		assertThat(api.path("paths").has("/api/v1/feedback/batch")).isTrue();
		assertThat(api.path("paths").has("/api/v1/feedback/{id}")).isTrue();
		assertThat(api.path("components").path("securitySchemes").path("apiKey").path("name").asString())
			.isEqualTo("X-Api-Key");
		String description = api.path("paths").path("/api/v1/feedback").path("post").path("description").asString();
		assertThat(description).contains("Idempotency-Key").contains("提交一条来自渠道系统的客户反馈");
	}

	@Test
	void swaggerUiIsServed() {
		HttpResponse<String> response = new IngestHttp(this.port, null).get("/swagger-ui/index.html");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).containsIgnoringCase("swagger");
	}

	@Test
	void intakeMetricsAreExposedForPrometheus() {
		IngestHttp http = new IngestHttp(this.port);
		http.post(Feedbacks.json(Feedbacks.valid(Feedbacks.uniqueCustomerId())));

		String metrics = http.get("/actuator/prometheus", "text/plain").body();

		assertThat(metrics).contains("feedbackloop_ingest_accepted_total{", "feedbackloop_ingest_duplicates_total{",
				"feedbackloop_ingest_in_flight{", "feedbackloop_ingest_requests_seconds_bucket{",
				"feedbackloop_ingest_latency_seconds_bucket{", "feedbackloop_events_publish_seconds_bucket{",
				"http_server_requests_seconds_bucket{");
		// The platform's observations keep no long task timers (PlatformDefaults): nothing reads them.
		assertThat(metrics).doesNotContain("_active_seconds");
	}

}
