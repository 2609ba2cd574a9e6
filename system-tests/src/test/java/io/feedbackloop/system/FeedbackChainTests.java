package io.feedbackloop.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.MailServer;
import io.feedbackloop.local.Ports;
import io.feedbackloop.local.SmsGateway;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.TestInfrastructure;
import io.feedbackloop.local.TestKafka;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole chain as a channel system and a customer see it: the four services started from their
 * jars, talking through the real Kafka broker and the MongoDB-wire server, the acknowledgement
 * going out through the real SMS gateway and SMTP server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackChainTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** feedback-ingest's demo client (enabled by FEEDBACKLOOP_DEMO_CLIENT=true), as bin/demo-feedback uses it. */
	private static final String INGEST_API_KEY = "demo-local-only-7f3c9a2e41b8d605";

	private final List<ServiceProcess> services = new ArrayList<>();

	private MailServer mail;

	private SmsGateway sms;

	private MongoClient mongo;

	private ServiceProcess ingest;

	private ServiceProcess router;

	private ServiceProcess churn;

	private ServiceProcess notification;

	@BeforeAll
	void startTheSystem() throws Exception {
		TestInfrastructure.Endpoints infra = TestInfrastructure.get();
		this.mail = MailServer.start(Ports.free(), Ports.free());
		this.sms = SmsGateway.start(Ports.free());
		this.mongo = MongoClients.create(infra.mongoUri());
		Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers(), "MONGODB_URI",
				infra.mongoUri(), "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(this.mail.smtpPort()),
				"SMS_GATEWAY_URL", this.sms.baseUrl(), "FEEDBACKLOOP_DEMO_CLIENT", "true");
		this.ingest = start("feedback-ingest", env);
		this.router = start("complaint-router", env);
		this.churn = start("churn-analyzer", env);
		this.notification = start("notification-service", env);
		for (ServiceProcess service : this.services) {
			service.awaitHealthy();
		}
	}

	@AfterAll
	void stopTheSystem() throws Exception {
		for (ServiceProcess service : this.services) {
			service.close();
		}
		if (this.mongo != null) {
			this.mongo.close();
		}
		if (this.sms != null) {
			this.sms.close();
		}
		if (this.mail != null) {
			this.mail.close();
		}
	}

	@Test
	void phoneComplaintBecomesARoutedCaseAnSmsAcknowledgementAndACustomerRecord() throws Exception {
		String customer = "CUST-" + UUID.randomUUID();
		HttpResponse<String> accepted = post("""
				{"channel":"phone","channelRecordId":"CALL-%s","customer":{"id":"%s","name":"王女士","phone":"+8613800138000"},
				 "occurredAt":"2026-11-22T08:00:00Z","text":"我要投诉，家里的5G信号太差，打电话一直掉线，一个星期了还没人处理。"}
				""".formatted(UUID.randomUUID(), customer));
		assertThat(accepted.statusCode()).isEqualTo(202);
		String location = accepted.headers().firstValue("Location").orElseThrow();
		String feedbackId = JSON.readTree(accepted.body()).path("feedbackId").asString();
		assertThat(location).endsWith("/api/v1/feedback/" + feedbackId);

		JsonNode status = await().atMost(Duration.ofSeconds(60))
			.until(() -> getJson(this.ingest.url(location), INGEST_API_KEY), (node) -> node.hasNonNull("caseId"));
		assertThat(status.path("kind").asString()).isEqualTo("complaint");
		String caseId = status.path("caseId").asString();

		// The published staff demo users, the same in complaint-router, churn-analyzer and notification-service
		// (FEEDBACKLOOP_DEMO_CLIENT=true).
		JsonNode complaintCase = getJson(this.router.url("/api/v1/cases/" + caseId), StaffApiClient.AGENT);
		assertThat(complaintCase.path("department").asString()).isEqualTo("network-operations");
		assertThat(complaintCase.path("customerId").asString()).isEqualTo(customer);
		Document stored = this.mongo.getDatabase("complaint_router")
			.getCollection("complaint_cases")
			.find(Filters.eq("_id", caseId))
			.first();
		assertThat(stored).isNotNull();
		assertThat(stored.getString("feedbackId")).isEqualTo(feedbackId);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.sms.accepted().stream().anyMatch((m) -> m.text().contains(caseId)));
		assertThat(this.sms.accepted()).filteredOn((m) -> m.text().contains(caseId))
			.singleElement()
			.satisfies((m) -> assertThat(m.to()).isEqualTo("+8613800138000"));
		JsonNode deliveries = await().atMost(Duration.ofSeconds(30))
			.until(() -> getJson(this.notification.url("/api/v1/deliveries?caseId=" + caseId), StaffApiClient.AGENT),
					(node) -> node.size() == 1 && "sent".equals(node.get(0).path("status").asString()));
		assertThat(deliveries.get(0).path("channel").asString()).isEqualTo("sms");

		JsonNode profile = await().atMost(Duration.ofSeconds(30))
			.until(() -> getJson(this.churn.url("/api/v1/customers/" + customer), StaffApiClient.ANALYST),
					(node) -> node.path("openComplaints").asInt() == 1);
		assertThat(profile.path("contacts").asInt()).isEqualTo(1);
	}

	@Test
	void englishWebComplaintIsAcknowledgedByEmail() throws Exception {
		String customer = "CUST-" + UUID.randomUUID();
		String email = "emily." + customer.substring(5, 13) + "@example.com";
		HttpResponse<String> accepted = post("""
				{"channel":"web","channelRecordId":"WEB-%s","customer":{"id":"%s","name":"Emily Carter","email":"%s"},
				 "occurredAt":"2026-11-22T08:00:00Z","language":"en","text":"I was charged twice on my bill this month. I want a refund."}
				""".formatted(UUID.randomUUID(), customer, email));
		assertThat(accepted.statusCode()).isEqualTo(202);
		String location = accepted.headers().firstValue("Location").orElseThrow();
		JsonNode status = await().atMost(Duration.ofSeconds(60))
			.until(() -> getJson(this.ingest.url(location), INGEST_API_KEY), (node) -> node.hasNonNull("caseId"));
		String caseId = status.path("caseId").asString();

		await().atMost(Duration.ofSeconds(60)).until(() -> received(email).size() == 1);
		MimeMessage message = received(email).get(0);
		assertThat(message.getSubject()).isNotBlank();
		assertThat(textOf(message)).contains(caseId).contains("24 hours");
	}

	@Test
	void invalidFeedbackIsRejectedWithProblemDetailsNamingTheField() throws Exception {
		HttpResponse<String> response = post("""
				{"channel":"fax","channelRecordId":"X-1","customer":{"id":"CUST-1","phone":"+8613800138000"},
				 "occurredAt":"2026-11-22T08:00:00Z","text":"hello"}
				""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.body()).contains("channel");
	}

	@Test
	void theTraceOfThePostFollowsTheComplaintThroughEveryEvent() throws Exception {
		String customer = "CUST-" + UUID.randomUUID();
		String traceId = UUID.randomUUID().toString().replace("-", "");
		HttpResponse<String> accepted = post("""
				{"channel":"sms","channelRecordId":"SMS-%s","customer":{"id":"%s","name":"李先生","phone":"+8613912345678"},
				 "occurredAt":"2026-11-22T08:00:00Z","text":"这个月话费被乱扣了58元，我要投诉，请给我退款。"}
				""".formatted(UUID.randomUUID(), customer), "00-" + traceId + "-00f067aa0ba902b7-01");
		assertThat(accepted.statusCode()).isEqualTo(202);

		List<ConsumerRecord<String, byte[]>> received = TestKafka.readByKey(Topics.FEEDBACK_INTAKE.name(), customer, 1);
		List<ConsumerRecord<String, byte[]>> cases = TestKafka.readByKey(Topics.COMPLAINT_CASES.name(), customer, 2);
		assertThat(received).hasSize(1);
		assertThat(cases).extracting((r) -> TestKafka.header(r, "ce_type"))
			.containsExactlyInAnyOrder("feedback.classified.v1", "complaint.routed.v1");
		List<ConsumerRecord<String, byte[]>> events = new ArrayList<>(received);
		events.addAll(cases);
		assertThat(events).allSatisfy((event) -> {
			assertThat(TestKafka.header(event, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
			assertThat(TestKafka.header(event, "ce_traceparent")).isEqualTo(TestKafka.header(event, "traceparent"));
		});

		// notification-service sends from its outbox, later and on another thread: the message keeps the
		// trace of the event that queued it, so the line saying the acknowledgement went out has the
		// POST's trace id.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.notification.logLines())
				.anySatisfy((line) -> assertThat(line).contains(traceId).contains("Sent acknowledgement")));
	}

	/** The text/plain part of a (possibly multipart) message. */
	private static String textOf(jakarta.mail.Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return part.getContent().toString();
		}
		if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(textOf(multipart.getBodyPart(i)));
			}
			return text.toString();
		}
		return "";
	}

	private List<MimeMessage> received(String address) {
		return java.util.Arrays.stream(this.mail.greenMail().getReceivedMessages()).filter((m) -> {
			try {
				return java.util.Arrays.stream(m.getAllRecipients()).anyMatch((r) -> r.toString().contains(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).toList();
	}

	private ServiceProcess start(String name, Map<String, String> env) throws Exception {
		ServiceProcess service = ServiceProcess.start(name, Ports.free(), env);
		this.services.add(service);
		return service;
	}

	private HttpResponse<String> post(String json) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.ingest.url("/api/v1/feedback"))), json);
	}

	private HttpResponse<String> post(String json, String traceparent) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.ingest.url("/api/v1/feedback")))
			.header("traceparent", traceparent), json);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request, String json) throws Exception {
		return HTTP.send(request.header("Content-Type", "application/json")
			.header("X-Api-Key", INGEST_API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode getJson(String url, String apiKey) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header(StaffApiClient.HEADER, apiKey).build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? JSON.readTree(response.body()) : JSON.createObjectNode();
	}

}
