package io.feedbackloop.ingest.intake;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.local.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import io.feedbackloop.ingest.IngestTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.feedbackloop.local.TestKafka.header;
import static org.assertj.core.api.Assertions.assertThat;

@IngestTest
class FeedbackIntakeTests {

	private static final String PROBLEMS = "https://feedbackloop.io/problems/";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	IngestHttp http;

	@BeforeEach
	void client() {
		this.http = new IngestHttp(this.port);
	}

	@Test
	void acceptedFeedbackIsInKafkaWithItsEnvelopeBeforeThe202() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		body.put("text", "  Cafe\u0301 的 5G 信号很差  ");
		double acceptedBefore = counter("feedbackloop.ingest.accepted", "channel", "sms");

		HttpResponse<String> response = this.http.post(Feedbacks.json(body));

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode answer = IngestHttp.json(response);
		String feedbackId = answer.path("feedbackId").asString();
		assertThat(feedbackId).matches("fb-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(answer.path("status").asString()).isEqualTo("accepted");
		Instant receivedAt = Instant.parse(answer.path("receivedAt").asString());
		assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/feedback/" + feedbackId);

		List<ConsumerRecord<String, byte[]>> records = TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId);
		assertThat(records).hasSize(1);
		ConsumerRecord<String, byte[]> record = records.get(0);
		assertThat(header(record, "ce_type")).isEqualTo("feedback.received.v1");
		assertThat(header(record, "ce_id")).isNotBlank();
		assertThat(header(record, "ce_source")).isEqualTo("/feedback-ingest");
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(receivedAt);
		assertThat(header(record, "ce_subject")).isEqualTo(feedbackId);

		FeedbackReceived received = EventCodec.decodeData(record.value(), FeedbackReceived.class);
		assertThat(received.feedbackId().value()).isEqualTo(feedbackId);
		assertThat(received.customerId().value()).isEqualTo(customerId);
		assertThat(received.channel().wireName()).isEqualTo("sms");
		assertThat(received.channelRecordId()).isEqualTo(body.get("channelRecordId"));
		assertThat(received.contact().phone()).isEqualTo("+8613800138000");
		assertThat(received.contact().email()).isEqualTo("zhang.wei@example.com");
		assertThat(received.contact().name()).isEqualTo("张伟");
		assertThat(received.occurredAt()).isEqualTo(Instant.parse((String) body.get("occurredAt")));
		assertThat(received.receivedAt()).isEqualTo(receivedAt);
		assertThat(received.text()).isEqualTo("Caf\u00e9 的 5G 信号很差");
		assertThat(received.language()).isEqualTo("zh");
		assertThat(counter("feedbackloop.ingest.accepted", "channel", "sms")).isEqualTo(acceptedBefore + 1);
	}

	@Test
	void languageIsEnglishWhenTheTextHasNoChineseAndKeptWhenGiven() {
		String englishCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> english = Feedbacks.valid(englishCustomer);
		english.put("text", "The technician never came.");
		String givenCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> given = Feedbacks.valid(givenCustomer);
		given.put("language", "en");

		assertThat(this.http.post(Feedbacks.json(english)).statusCode()).isEqualTo(202);
		assertThat(this.http.post(Feedbacks.json(given)).statusCode()).isEqualTo(202);

		assertThat(language(englishCustomer)).isEqualTo("en");
		assertThat(language(givenCustomer)).isEqualTo("en");
	}

	static Stream<Arguments> invalidSubmissions() {
		return Stream.of(
				invalid("invalid JSON", "invalid-json", "body",
						(customerId) -> "{\"channel\": \"sms\", \"customer\": {\"id\": \"" + customerId + "\""),
				invalid("a JSON array", "invalid-json", "body", (customerId) -> "[\"" + customerId + "\"]"),
				invalid("missing channel", "validation-failed", "channel", spoiled((body) -> body.remove("channel"))),
				invalid("unknown channel", "validation-failed", "channel", spoiled((body) -> body.put("channel", "fax"))),
				invalid("blank channelRecordId", "validation-failed", "channelRecordId",
						spoiled((body) -> body.put("channelRecordId", " "))),
				invalid("channelRecordId of the wrong JSON type", "validation-failed", "channelRecordId",
						spoiled((body) -> body.put("channelRecordId", Map.of("id", 1)))),
				invalid("blank customer id", "validation-failed", "customer.id",
						spoiled((body) -> Feedbacks.customer(body).put("id", ""))),
				invalid("no contact", "validation-failed", "customer", spoiled((body) -> {
					Feedbacks.customer(body).remove("phone");
					Feedbacks.customer(body).remove("email");
				})),
				invalid("missing occurredAt", "validation-failed", "occurredAt",
						spoiled((body) -> body.remove("occurredAt"))),
				invalid("unparseable occurredAt", "validation-failed", "occurredAt",
						spoiled((body) -> body.put("occurredAt", "yesterday"))),
				invalid("occurredAt 10 minutes ahead", "validation-failed", "occurredAt",
						spoiled((body) -> body.put("occurredAt", Instant.now().plus(Duration.ofMinutes(10)).toString()))),
				invalid("empty text", "validation-failed", "text", spoiled((body) -> body.put("text", ""))),
				invalid("blank text", "validation-failed", "text", spoiled((body) -> body.put("text", " \u3000\n"))),
				invalid("text over 10,000 characters", "validation-failed", "text",
						spoiled((body) -> body.put("text", "a".repeat(10_001)))),
				invalid("unknown language", "validation-failed", "language",
						spoiled((body) -> body.put("language", "fr"))),
				invalid("channelRecordId over 128 characters", "validation-failed", "channelRecordId",
						spoiled((body) -> body.put("channelRecordId", "r".repeat(129)))),
				invalid("phone number that is not valid", "validation-failed", "customer.phone",
						spoiled((body) -> Feedbacks.customer(body).put("phone", "+86 1380013"))),
				invalid("details of another channel", "validation-failed", "webForm",
						spoiled((body) -> body.put("webForm", Map.of("formId", "f-1")))),
				invalid("attachment with bytes instead of a reference", "validation-failed", "attachments[0].url",
						spoiled((body) -> body.put("attachments",
								List.of(Map.of("url", "data:image/png;base64,AAAA", "contentType", "image/png",
										"sizeBytes", 4))))),
				invalid("metadata key that is a MongoDB operator", "validation-failed", "metadata.$where",
						spoiled((body) -> body.put("metadata", Map.of("$where", "1")))),
				invalid("oversized body", "payload-too-large", "body",
						spoiled((body) -> body.put("text", "a".repeat(70_000)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSubmissions")
	void invalidSubmissionIsAProblemNamingTheFieldAndNothingReachesKafka(String description, String kind,
			String field, Function<String, String> body) {
		String customerId = Feedbacks.uniqueCustomerId();
		double rejectedBefore = this.meters.find("feedbackloop.ingest.rejected")
			.tag("reason", kind)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();

		HttpResponse<String> response = this.http.post(body.apply(customerId));

		assertProblem(response, kind, field);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
		assertThat(this.meters.find("feedbackloop.ingest.rejected")
			.tag("reason", kind)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum()).isEqualTo(rejectedBefore + 1);
	}

	@Test
	void channelDetailsAreNormalisedAndCarriedInTheEventWithoutPersonalIdentifiersInClear() {
		String phoneCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> phone = Feedbacks.valid(phoneCustomer);
		phone.put("channel", "phone");
		Feedbacks.customer(phone).put("phone", "138 0013 8000");
		phone.put("phoneCall", Map.of("callId", "CALL-1", "agentId", "A-42", "ivrPath", List.of("1", "3"),
				"recordingRef", "rec://calls/CALL-1.wav"));
		String smsCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> sms = Feedbacks.valid(smsCustomer);
		sms.put("sms", Map.of("senderNumber", "+86 139-1234-5678", "gatewayMessageId", "gw-9"));
		String webCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> web = Feedbacks.valid(webCustomer);
		web.put("channel", "web");
		web.put("webForm", Map.of("formId", "billing", "page", "/support", "clientIp", "203.0.113.7"));
		web.put("attachments", List.of(Map.of("url", "https://files.example.com/bill.pdf", "contentType",
				"application/pdf", "sizeBytes", 48213)));
		String appCustomer = Feedbacks.uniqueCustomerId();
		Map<String, Object> app = Feedbacks.valid(appCustomer);
		app.put("channel", "app");
		app.put("app", Map.of("appVersion", "8.2.1", "platform", "ios", "deviceId", "device-123"));
		app.put("metadata", Map.of("hall", "GZ-0012"));

		for (Map<String, Object> body : List.of(phone, sms, web, app)) {
			assertThat(this.http.post(Feedbacks.json(body)).statusCode()).isEqualTo(202);
		}

		FeedbackReceived call = received(phoneCustomer);
		assertThat(call.contact().phone()).isEqualTo("+8613800138000");
		assertThat(call.details().phoneCall().ivrPath()).containsExactly("1", "3");
		assertThat(call.details().phoneCall().agentId()).isEqualTo("A-42");
		assertThat(received(smsCustomer).details().sms().senderNumber()).isEqualTo("+8613912345678");
		FeedbackReceived form = received(webCustomer);
		assertThat(form.details().webForm().clientIpHash()).matches("hmac-sha256:[0-9a-f]{64}");
		assertThat(form.details().attachments()).singleElement()
			.satisfies((attachment) -> assertThat(attachment.sizeBytes()).isEqualTo(48213));
		FeedbackReceived inApp = received(appCustomer);
		assertThat(inApp.details().app().deviceIdHash()).matches("hmac-sha256:[0-9a-f]{64}");
		assertThat(inApp.details().metadata()).containsEntry("hall", "GZ-0012");
		String raw = new String(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), webCustomer).get(0).value(),
				java.nio.charset.StandardCharsets.UTF_8)
				+ new String(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), appCustomer).get(0).value(),
						java.nio.charset.StandardCharsets.UTF_8);
		assertThat(raw).doesNotContain("203.0.113.7", "device-123");
	}

	@Test
	void languageOfAMixedTextIsTheOneThatCarriesMostOfIt() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		body.put("text", "The 客服 never called me back about my bill");

		assertThat(this.http.post(Feedbacks.json(body)).statusCode()).isEqualTo(202);

		assertThat(language(customerId)).isEqualTo("en");
	}

	@Test
	void unknownChannelProblemListsTheKnownChannels() {
		Map<String, Object> body = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		body.put("channel", "fax");

		JsonNode problem = IngestHttp.json(this.http.post(Feedbacks.json(body)));

		assertThat(problem.path("errors").get(0).path("message").asString()).contains("phone, sms, web, app");
	}

	@Test
	void oversizedChunkedBodyIsRejectedWhileItIsRead() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		body.put("text", "信".repeat(30_000));

		HttpResponse<String> response = this.http.postChunked(Feedbacks.json(body));

		assertProblem(response, "payload-too-large", "body");
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
	}

	@Test
	void bodyJustUnderTheLimitIsAccepted() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		// 10,000 three-byte characters: the longest text, about 30 KB, well within 64 KiB.
		body.put("text", "信".repeat(10_000));

		assertThat(this.http.post(Feedbacks.json(body)).statusCode()).isEqualTo(202);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
	}

	@Test
	void everySubmissionAnswered202IsInKafka() {
		List<String> customers = IntStream.range(0, 20).mapToObj((i) -> Feedbacks.uniqueCustomerId()).toList();

		List<CompletableFuture<HttpResponse<String>>> calls = customers.stream()
			.map((customerId) -> this.http.postAsync(Feedbacks.json(Feedbacks.valid(customerId))))
			.toList();
		List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();

		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202);
		Set<String> answered = responses.stream()
			.map((response) -> IngestHttp.json(response).path("feedbackId").asString())
			.collect(Collectors.toSet());
		assertThat(answered).hasSize(20);
		Set<String> inKafka = TestKafka.readAll(Topics.FEEDBACK_INTAKE.name())
			.stream()
			.filter((record) -> customers.contains(record.key()))
			.map((record) -> header(record, "ce_subject"))
			.collect(Collectors.toSet());
		assertThat(inKafka).containsExactlyInAnyOrderElementsOf(answered);
	}

	@Test
	void unknownPathIsAProblemWithATypeToo() {
		HttpResponse<String> response = this.http.get("/api/v1/nothing-here");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(IngestHttp.contentType(response)).startsWith("application/problem+json");
		assertThat(IngestHttp.json(response).path("type").asString()).isEqualTo(PROBLEMS + "not-found");
	}

	private static void assertProblem(HttpResponse<String> response, String kind, String field) {
		int status = kind.equals("payload-too-large") ? 413 : 400;
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(IngestHttp.contentType(response)).startsWith("application/problem+json");
		JsonNode problem = IngestHttp.json(response);
		assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + kind);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("errors").valueStream().map((error) -> error.path("field").asString()))
			.contains(field);
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace", "tools.jackson");
	}

	private String language(String customerId) {
		return received(customerId).language();
	}

	private static FeedbackReceived received(String customerId) {
		ConsumerRecord<String, byte[]> record = TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId).get(0);
		return EventCodec.decodeData(record.value(), FeedbackReceived.class);
	}

	private double counter(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static Arguments invalid(String description, String kind, String field, Function<String, String> body) {
		return Arguments.of(description, kind, field, body);
	}

	private static Function<String, String> spoiled(Consumer<Map<String, Object>> spoil) {
		return (customerId) -> {
			Map<String, Object> body = Feedbacks.valid(customerId);
			spoil.accept(body);
			return Feedbacks.json(body);
		};
	}

}
