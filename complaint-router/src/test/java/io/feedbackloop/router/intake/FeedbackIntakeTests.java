package io.feedbackloop.router.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.router.Feedbacks;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeedbackIntakeTests {

	@Autowired
	CaseStore cases;

	@LocalServerPort
	int port;

	@Test
	void chineseNetworkComplaintBecomesACaseRoutedToNetworkOperationsDue24HoursAfterReceipt() {
		FeedbackReceived feedback = Feedbacks.received(Channel.PHONE, "我要投诉，家里手机信号太差，一直掉线，已经一个星期了", "zh");
		TestKafka.send(Feedbacks.event(feedback));

		ComplaintCase opened = awaitCase(feedback);
		assertThat(opened.department()).isEqualTo("network-operations");
		assertThat(opened.classification().category()).isEqualTo("network");
		assertThat(opened.firstResponseDueAt()).isEqualTo(feedback.receivedAt().plus(Duration.ofHours(24)));
		assertThat(opened.text()).isEqualTo(feedback.text());

		List<ConsumerRecord<String, byte[]>> routed = routedEvents(opened, 1);
		assertThat(routed).hasSize(1);
		ConsumerRecord<String, byte[]> record = routed.get(0);
		assertThat(record.key()).isEqualTo(feedback.customerId().value());
		assertThat(TestKafka.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/complaint-router");
		assertThat(TestKafka.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(opened.caseId().value());
		ComplaintRouted data = EventCodec.decodeData(record.value(), ComplaintRouted.class);
		assertThat(data.department()).isEqualTo("network-operations");
		assertThat(data.language()).isEqualTo("zh");
		assertThat(data.contact()).isEqualTo(feedback.contact());
		assertThat(data.firstResponseDueAt()).isEqualTo(opened.firstResponseDueAt());

		Response read = new StaffApiClient(this.port).get("/api/v1/cases/" + opened.caseId().value(),
				StaffApiClient.ANALYST);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).contains(opened.caseId().value()).contains("network-operations");
		// Each head's confidence and the text's language, as the classifier decided them, stay with the case.
		assertThat(opened.classification().confidences()).containsOnlyKeys("kind", "category", "sentiment");
		assertThat(read.json().path("classification").path("confidences").path("category").asDouble())
			.isEqualTo(opened.classification().confidences().get("category"))
			.isGreaterThan(0.5);
		assertThat(read.json().path("classification").path("language").asString()).isEqualTo("zh");
	}

	@Test
	void praiseIsClassifiedAndOpensNoCase() {
		FeedbackReceived feedback = Feedbacks.received(Channel.APP,
				"Thank you, the engineer was excellent and very helpful", "en");
		TestKafka.send(Feedbacks.event(feedback));

		List<ConsumerRecord<String, byte[]>> classified = TestKafka.readByKey(Topics.COMPLAINT_CASES.name(),
				feedback.customerId().value(), 1);
		assertThat(classified).hasSize(1);
		assertThat(TestKafka.header(classified.get(0), CloudEventHeaders.TYPE))
			.isEqualTo(EventTypes.FEEDBACK_CLASSIFIED.name());
		FeedbackClassified data = EventCodec.decodeData(classified.get(0).value(), FeedbackClassified.class);
		assertThat(data.kind()).isEqualTo(FeedbackKind.PRAISE);
		assertThat(data.caseId()).isNull();
		assertThat(this.cases.findByFeedback(feedback.feedbackId())).isEmpty();
	}

	@Test
	void aSurveyAnswerIsAScoreNotAComplaint() {
		// notification-service forwards the closing survey's answer; its words read like a complaint
		FeedbackReceived plain = Feedbacks.received(Channel.WEB,
				"Satisfaction survey score: 5 out of 5 for the handling of reference C261122-ABCDEFGHJK", "en");
		FeedbackReceived answer = new FeedbackReceived(plain.feedbackId(), plain.channel(), "survey-" + plain.channelRecordId(),
				plain.customerId(), plain.contact(), plain.occurredAt(), plain.receivedAt(), plain.text(), "en",
				new ChannelDetails(null, null, null, null, null,
						Map.of("surveyType", "csat", "score", 5, "caseId", "C261122-ABCDEFGHJK")));
		TestKafka.send(Feedbacks.event(answer));
		// A later complaint of the same customer (same partition) tells us the answer was consumed.
		FeedbackReceived later = Feedbacks.from(answer.customerId(), Channel.APP, "我要投诉，宽带又断了，已经三天了", "zh",
				answer.receivedAt().plusSeconds(60));
		TestKafka.send(Feedbacks.event(later));
		awaitCase(later);

		assertThat(this.cases.findByFeedback(answer.feedbackId())).isEmpty();
		assertThat(TestKafka.readAllByKey(Topics.COMPLAINT_CASES.name(), answer.customerId().value()))
			.filteredOn((r) -> EventTypes.FEEDBACK_CLASSIFIED.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
			.extracting((r) -> EventCodec.decodeData(r.value(), FeedbackClassified.class).feedbackId())
			.containsExactly(later.feedbackId());
	}

	@Test
	void sameEventDeliveredTwiceCreatesOneCaseAndOneRoutedEvent() {
		FeedbackReceived feedback = Feedbacks.received(Channel.SMS, "话费乱扣，我要投诉", "zh");
		Event<FeedbackReceived> event = Feedbacks.event(feedback);
		TestKafka.send(event);
		TestKafka.send(event);
		// The same feedback published again under a new event id (a producer retry upstream) too.
		TestKafka.send(Feedbacks.event(feedback));
		ComplaintCase opened = awaitCase(feedback);
		// A later event of the same customer (same partition) tells us the repeats were consumed.
		FeedbackReceived later = new FeedbackReceived(Feedbacks.received(Channel.SMS, "x", "zh").feedbackId(),
				Channel.SMS, "later", feedback.customerId(), feedback.contact(), feedback.occurredAt(),
				feedback.receivedAt(), "谢谢你们的耐心服务", "zh");
		TestKafka.send(Feedbacks.event(later));
		List<ConsumerRecord<String, byte[]>> all = TestKafka.read(Topics.COMPLAINT_CASES.name(),
				(r) -> feedback.customerId().value().equals(r.key()),
				(found) -> found.stream().anyMatch((r) -> later.feedbackId().value().equals(TestKafka.header(r, CloudEventHeaders.SUBJECT))),
				Duration.ofSeconds(30));

		assertThat(this.cases.countByFeedback(feedback.feedbackId())).isEqualTo(1);
		List<String> routedIds = all.stream()
			.filter((r) -> EventTypes.COMPLAINT_ROUTED.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
			.map((r) -> TestKafka.header(r, CloudEventHeaders.ID))
			.distinct()
			.toList();
		assertThat(routedIds).hasSize(1);
		assertThat(all).filteredOn((r) -> opened.caseId().value().equals(TestKafka.header(r, CloudEventHeaders.SUBJECT)))
			.isNotEmpty();
	}

	@Test
	void unreadableEventGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
		FeedbackReceived good = Feedbacks.received(Channel.WEB, "The broadband router keeps dropping, I want to complain", "en");
		Map<String, byte[]> headers = Feedbacks.event(good).envelope().toHeaders();
		TestKafka.send(Topics.FEEDBACK_INTAKE.name(), good.customerId().value(), headers,
				"{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		TestKafka.send(Feedbacks.event(good));

		List<ConsumerRecord<String, byte[]>> dead = TestKafka.readByKey(Topics.COMPLAINT_ROUTER_DLQ.name(),
				good.customerId().value(), 1);
		assertThat(dead).hasSize(1);
		assertThat(TestKafka.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_REASON))
			.startsWith("data is not a valid FeedbackReceived");
		assertThat(TestKafka.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_CONSUMER)).isEqualTo("complaint-router");
		assertThat(TestKafka.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_ORIGIN)).startsWith("feedback.intake-");
		assertThat(new String(dead.get(0).value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{not json");
		assertThat(awaitCase(good).department()).isEqualTo("broadband");
	}

	private ComplaintCase awaitCase(FeedbackReceived feedback) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.findByFeedback(feedback.feedbackId()), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private static List<ConsumerRecord<String, byte[]>> routedEvents(ComplaintCase opened, int atLeast) {
		return TestKafka.read(Topics.COMPLAINT_CASES.name(),
				(r) -> EventTypes.COMPLAINT_ROUTED.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE))
						&& opened.caseId().value().equals(TestKafka.header(r, CloudEventHeaders.SUBJECT)),
				(found) -> found.size() >= atLeast, Duration.ofSeconds(20));
	}

}
