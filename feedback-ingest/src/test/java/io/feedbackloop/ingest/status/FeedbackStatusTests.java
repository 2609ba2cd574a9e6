package io.feedbackloop.ingest.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventEnvelope;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.TestClients;
import io.feedbackloop.local.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import io.feedbackloop.ingest.IngestTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.feedbackloop.local.TestKafka.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IngestTest
class FeedbackStatusTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	FeedbackStatusStore statuses;

	@Autowired
	MeterRegistry meters;

	IngestHttp http;

	@BeforeEach
	void client() {
		this.http = new IngestHttp(this.port);
	}

	@Test
	void acceptedFeedbackCanBeReadBackAtItsLocation() {
		String customerId = Feedbacks.uniqueCustomerId();
		Map<String, Object> body = Feedbacks.valid(customerId);
		var accepted = this.http.post(Feedbacks.json(body));
		JsonNode answer = IngestHttp.json(accepted);

		var response = this.http.get(accepted.headers().firstValue("Location").orElseThrow());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode status = IngestHttp.json(response);
		assertThat(status.path("feedbackId").asString()).isEqualTo(answer.path("feedbackId").asString());
		assertThat(status.path("status").asString()).isEqualTo("accepted");
		assertThat(status.path("channel").asString()).isEqualTo("sms");
		assertThat(status.path("channelRecordId").asString()).isEqualTo(body.get("channelRecordId"));
		assertThat(status.path("customerId").asString()).isEqualTo(customerId);
		assertThat(Instant.parse(status.path("receivedAt").asString()))
			.isEqualTo(Instant.parse(answer.path("receivedAt").asString()));
		assertThat(status.has("kind")).isFalse();
		assertThat(status.has("caseId")).isFalse();
	}

	@Test
	void unknownFeedbackIsANotFoundProblem() {
		var response = this.http.get("/api/v1/feedback/fb-" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(IngestHttp.contentType(response)).startsWith("application/problem+json");
		assertThat(IngestHttp.json(response).path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/not-found");
	}

	@Test
	void onlyTheChannelSystemThatSentARecordReadsItsStatus() {
		String location = this.http.post(Feedbacks.json(Feedbacks.valid(Feedbacks.uniqueCustomerId())))
			.headers()
			.firstValue("Location")
			.orElseThrow();

		// The SMS gateway may post SMS feedback too, but this record is another system's: as if unknown.
		var other = this.http.as(TestClients.SMS_ONLY_KEY).get(location);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(IngestHttp.json(other).path("type").asString()).isEqualTo("https://feedbackloop.io/problems/not-found");
		assertThat(other.body()).doesNotContain("customerId");
		assertThat(this.http.get(location).statusCode()).isEqualTo(200);
	}

	@Test
	void aRecordWhoseSenderIsNotRecordedYetIsReadOnlyBySystemsOfItsChannel() {
		String customerId = Feedbacks.uniqueCustomerId();
		String feedbackId = "fb-" + UUID.randomUUID();
		// The classification arrived before the accepted write that records the sender.
		this.statuses.recordClassified(classified(feedbackId, customerId, "case-early"));

		assertThat(this.http.as(TestClients.SMS_ONLY_KEY).get("/api/v1/feedback/" + feedbackId).statusCode())
			.isEqualTo(200);
		assertThat(this.http.as(TestClients.ROTATION_NEW_KEY).get("/api/v1/feedback/" + feedbackId).statusCode())
			.isEqualTo(404);
	}

	@Test
	void classifiedEventOnComplaintCasesMovesTheStatusToClassified() {
		String customerId = Feedbacks.uniqueCustomerId();
		String feedbackId = submit(customerId);

		publishClassified(UUID.randomUUID().toString(), classified(feedbackId, customerId, "case-" + feedbackId));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode status = IngestHttp.json(this.http.get("/api/v1/feedback/" + feedbackId));
			assertThat(status.path("status").asString()).isEqualTo("classified");
			assertThat(status.path("kind").asString()).isEqualTo("complaint");
			assertThat(status.path("category").asString()).isEqualTo("network");
			assertThat(status.path("caseId").asString()).isEqualTo("case-" + feedbackId);
			assertThat(status.path("channelRecordId").asString()).isNotBlank();
		});
	}

	@Test
	void aPersonsCorrectionOfTheClassificationIsWhatTheStatusShowsAndAnOlderOneDoesNotUndoIt() {
		String customerId = Feedbacks.uniqueCustomerId();
		String feedbackId = submit(customerId);
		String caseId = "case-" + feedbackId;
		publishClassified(UUID.randomUUID().toString(), classified(feedbackId, customerId, caseId));
		// An agent: not a network complaint but billing; then a supervisor: praise after all.
		publishReclassified(reclassified(feedbackId, customerId, caseId, FeedbackKind.COMPLAINT, "billing", 3));
		publishReclassified(reclassified(feedbackId, customerId, caseId, FeedbackKind.PRAISE, "staff", 5));

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode status = IngestHttp.json(this.http.get("/api/v1/feedback/" + feedbackId));
			assertThat(status.path("kind").asString()).isEqualTo("praise");
			assertThat(status.path("category").asString()).isEqualTo("staff");
			assertThat(status.path("status").asString()).isEqualTo("classified");
			assertThat(status.path("caseId").asString()).isEqualTo(caseId);
		});
		// A correction of an earlier version of the case, delivered late, is older than what is shown; so is
		// the classification itself, replayed from a dead-letter topic.
		this.statuses.recordReclassified(reclassified(feedbackId, customerId, caseId, FeedbackKind.COMPLAINT,
				"network", 4));
		this.statuses.recordClassified(classified(feedbackId, customerId, caseId));
		assertThat(this.statuses.find(feedbackId)).hasValueSatisfying((status) -> {
			assertThat(status.kind()).isEqualTo("praise");
			assertThat(status.category()).isEqualTo("staff");
		});
	}

	@Test
	void repeatedClassifiedEventIsAppliedOnce() {
		String customerId = Feedbacks.uniqueCustomerId();
		String feedbackId = submit(customerId);
		String eventId = UUID.randomUUID().toString();
		double duplicatesBefore = caseEvents("duplicate");

		publishClassified(eventId, classified(feedbackId, customerId, null));
		publishClassified(eventId, classified(feedbackId, customerId, null));

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(caseEvents("duplicate")).isEqualTo(duplicatesBefore + 1));
		assertThat(this.statuses.find(feedbackId)).hasValueSatisfying((status) -> {
			assertThat(status.status()).isEqualTo("classified");
			assertThat(status.caseId()).isNull();
		});
	}

	@Test
	void classificationArrivingBeforeTheAcceptedWriteIsNotDowngraded() {
		String customerId = Feedbacks.uniqueCustomerId();
		String feedbackId = "fb-" + UUID.randomUUID();
		Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		this.statuses.recordClassified(classified(feedbackId, customerId, "case-1"));
		this.statuses.recordAcceptedAll(List.of(new FeedbackStatusStore.Accepted(new FeedbackReceived(
				new FeedbackId(feedbackId), Channel.SMS, "sms-1", new CustomerId(customerId),
				new Contact(null, "+8613800138000", null), receivedAt, receivedAt, "hi", "en"), "all")));

		assertThat(this.statuses.find(feedbackId)).hasValueSatisfying((status) -> {
			assertThat(status.status()).isEqualTo("classified");
			assertThat(status.caseId()).isEqualTo("case-1");
			assertThat(status.channelRecordId()).isEqualTo("sms-1");
			assertThat(status.receivedAt()).isEqualTo(receivedAt);
		});
	}

	@Test
	void malformedEventIsDeadLetteredOnceAndTheNextEventIsStillApplied() {
		String customerId = Feedbacks.uniqueCustomerId();
		String feedbackId = submit(customerId);
		String badEventId = UUID.randomUUID().toString();
		double malformedBefore = caseEvents("malformed");
		EventEnvelope envelope = new EventEnvelope(badEventId, "/complaint-router",
				EventTypes.FEEDBACK_CLASSIFIED.name(), Instant.now(), feedbackId);

		TestKafka.send(Topics.COMPLAINT_CASES.name(), customerId, envelope.toHeaders(),
				"\u0000not json at all{".getBytes(StandardCharsets.UTF_8));
		publishClassified(UUID.randomUUID().toString(), classified(feedbackId, customerId, "case-after-bad"));

		ConsumerRecord<String, byte[]> deadLetter = await().atMost(PATIENCE)
			.until(() -> TestKafka.readAll(Topics.FEEDBACK_INGEST_DLQ.name())
				.stream()
				.filter((record) -> badEventId.equals(header(record, "ce_id")))
				.findFirst()
				.orElse(null), (record) -> record != null);
		assertThat(deadLetter.key()).isEqualTo(customerId);
		assertThat(header(deadLetter, "ce_type")).isEqualTo(EventTypes.FEEDBACK_CLASSIFIED.name());
		assertThat(header(deadLetter, "x-original-topic")).isEqualTo(Topics.COMPLAINT_CASES.name());
		assertThat(header(deadLetter, "x-exception-message")).contains("not a valid FeedbackClassified");
		assertThat(header(deadLetter, "dlq_reason")).startsWith("data is not a valid FeedbackClassified");
		assertThat(header(deadLetter, "dlq_exception")).isEqualTo("io.feedbackloop.contracts.EventFormatException");
		assertThat(header(deadLetter, "dlq_consumer")).isEqualTo("feedback-ingest");
		assertThat(header(deadLetter, "dlq_origin")).matches("complaint\\.cases-[0-5]@[0-9]+");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.statuses.find(feedbackId))
			.hasValueSatisfying((status) -> assertThat(status.caseId()).isEqualTo("case-after-bad")));
		// Not retried: an unreadable event is read exactly once before it is dead-lettered.
		assertThat(caseEvents("malformed")).isEqualTo(malformedBefore + 1);
	}

	private String submit(String customerId) {
		var response = this.http.post(Feedbacks.json(Feedbacks.valid(customerId)));
		assertThat(response.statusCode()).isEqualTo(202);
		return IngestHttp.json(response).path("feedbackId").asString();
	}

	private static FeedbackClassified classified(String feedbackId, String customerId, String caseId) {
		return new FeedbackClassified(new FeedbackId(feedbackId), new CustomerId(customerId), Channel.SMS,
				FeedbackKind.COMPLAINT, "network", 0.92, "negative", "zh", "rules-1",
				(caseId != null) ? new CaseId(caseId) : null, Instant.now());
	}

	private static ComplaintReclassified reclassified(String feedbackId, String customerId, String caseId,
			FeedbackKind kind, String category, long version) {
		return new ComplaintReclassified(new CaseId(caseId), new FeedbackId(feedbackId), new CustomerId(customerId),
				FeedbackKind.COMPLAINT, "network", kind, category, "normal", "normal", "agent-li", "agent", null, version,
				Instant.now());
	}

	/** As complaint-router would publish it (EventPublisher refuses topics ingest does not own). */
	private static void publishClassified(String eventId, FeedbackClassified classified) {
		EventEnvelope envelope = new EventEnvelope(eventId, "/complaint-router", EventTypes.FEEDBACK_CLASSIFIED.name(),
				classified.classifiedAt(), classified.feedbackId().value());
		TestKafka.send(Topics.COMPLAINT_CASES.name(), classified.customerId().value(), envelope.toHeaders(),
				EventCodec.encode(classified));
	}

	private static void publishReclassified(ComplaintReclassified reclassified) {
		EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), "/complaint-router",
				EventTypes.COMPLAINT_RECLASSIFIED.name(), reclassified.reclassifiedAt(), reclassified.caseId().value());
		TestKafka.send(Topics.COMPLAINT_CASES.name(), reclassified.customerId().value(), envelope.toHeaders(),
				EventCodec.encode(reclassified));
	}

	private double caseEvents(String outcome) {
		Counter counter = this.meters.find("feedbackloop.ingest.case.events").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
