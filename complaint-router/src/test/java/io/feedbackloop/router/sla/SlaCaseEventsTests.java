package io.feedbackloop.router.sla;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.SlaBreached;
import io.feedbackloop.contracts.SlaEscalated;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.TestKafka;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running service: its own consumer group on complaint.cases starts timers from the case events,
 * and the engine's threads fire them on the real clock. A complaint received 30 hours ago has broken
 * the 24-hour promise already, so its breach and the escalations due by now (team lead at once,
 * department head 4 hours later) fire at once, no waiting; its obsolete warnings are skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlaCaseEventsTests {

	@Autowired
	TimerStore store;

	@Autowired
	MongoDatabase database;

	@Autowired
	ObservationRegistry observations;

	@Test
	void aComplaintOlderThanItsPromiseIsBreachedAndEscalatedByTheRunningService() {
		CaseId caseId = CaseId.of("C-SLA-" + UUID.randomUUID().toString().substring(0, 8));
		CustomerId customer = CustomerId.of("cust-sla-" + UUID.randomUUID());
		Instant received = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.MILLIS);
		ComplaintRouted routed = new ComplaintRouted(caseId, FeedbackId.of("fb-" + UUID.randomUUID()), customer,
				Channel.SMS, new Contact(null, "+8613800138000", null), "zh", "network", "network-operations", received,
				received.plus(Duration.ofHours(24)), received.plusSeconds(1));
		TestKafka.send(EventCodec.event(EventTypes.COMPLAINT_ROUTED, UUID.randomUUID().toString(), "/complaint-router",
				received, caseId.value(), customer, routed));

		List<ConsumerRecord<String, byte[]>> fired = TestKafka.read(Topics.COMPLAINT_CASES.name(),
				(r) -> customer.value().equals(r.key()) && SlaHarness.type(r).startsWith("complaint.sla.")
						&& new String(r.value(), StandardCharsets.UTF_8).contains("\"first-response\""),
				(found) -> found.stream().filter((r) -> SlaHarness.type(r).equals(EventTypes.SLA_ESCALATED.name()))
					.count() >= 2,
				Duration.ofSeconds(60));

		assertThat(fired).extracting(SlaHarness::type)
			.containsExactly(EventTypes.SLA_BREACHED.name(), EventTypes.SLA_ESCALATED.name(),
					EventTypes.SLA_ESCALATED.name());
		SlaBreached breach = EventCodec.decodeData(fired.get(0).value(), SlaBreached.class);
		assertThat(breach.timer()).isEqualTo(SlaTimerKind.FIRST_RESPONSE);
		assertThat(breach.department()).isEqualTo("network-operations");
		assertThat(breach.policyId()).isEqualTo("standard");
		assertThat(breach.dueAt()).isEqualTo(received.plus(Duration.ofHours(24)));
		assertThat(TestKafka.header(fired.get(0), CloudEventHeaders.SUBJECT)).isEqualTo(caseId.value());
		SlaEscalated escalated = EventCodec.decodeData(fired.get(1).value(), SlaEscalated.class);
		assertThat(escalated.level()).isEqualTo(1);
		assertThat(escalated.escalateTo()).isEqualTo("team-lead");
		assertThat(EventCodec.decodeData(fired.get(2).value(), SlaEscalated.class).escalateTo())
			.isEqualTo("department-head");
		// The firing's leases are deleted once it is recorded.
		String firstResponse = CaseTimer.idOf(caseId, SlaTimerKind.FIRST_RESPONSE);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.database.getCollection(TimerStore.LEASES)
				.countDocuments(Filters.regex("_id", "^" + Pattern.quote(firstResponse + "@"))) == 0);
		assertThat(this.store.find(firstResponse).orElseThrow().run().done()).contains("breach", "escalation-1");

		TestKafka.send(EventCodec.event(EventTypes.COMPLAINT_RESPONDED, UUID.randomUUID().toString(),
				"/complaint-router", Instant.now(), caseId.value(), customer,
				new ComplaintResponded(caseId, customer, "agent-1", "phone", true, Instant.now(), null)));

		// The reply stops the first-response timer (too late: missed) and starts the periodic updates.
		CaseTimer updates = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.store.find(CaseTimer.idOf(caseId, SlaTimerKind.PERIODIC_UPDATE)),
					java.util.Optional::isPresent)
			.orElseThrow();
		CaseTimer answered = this.store.find(CaseTimer.idOf(caseId, SlaTimerKind.FIRST_RESPONSE)).orElseThrow();
		assertThat(answered.run().outcome()).isEqualTo(CaseTimer.Outcome.MISSED);
		assertThat(answered.run().breachedAt()).isEqualTo(received.plus(Duration.ofHours(24)));
		assertThat(updates.isOpen()).isTrue();
	}

	@Test
	void anUnreadableCaseEventGoesToTheDeadLetterTopicNamingTheSlaConsumer() {
		String key = "cust-sla-" + UUID.randomUUID();
		Map<String, byte[]> headers = respondedHeaders(key, "C-1");
		TestKafka.send(Topics.COMPLAINT_CASES.name(), key, headers, "{not json".getBytes(StandardCharsets.UTF_8));

		List<ConsumerRecord<String, byte[]>> dead = TestKafka.readByKey(Topics.COMPLAINT_ROUTER_DLQ.name(), key, 1);

		assertThat(dead).hasSize(1);
		assertThat(TestKafka.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_CONSUMER))
			.isEqualTo("complaint-router.sla");
		assertThat(TestKafka.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_REASON))
			.startsWith("data is not a valid ComplaintResponded");
	}


	@Test
	void theTimersOwnSlaEventsAreDroppedUnreadWhileTheCaseEventsAfterThemAreStillRead() {
		String key = "cust-sla-" + UUID.randomUUID();
		Map<String, byte[]> responded = respondedHeaders(key, "C-2");
		Map<String, byte[]> breached = new java.util.HashMap<>(responded);
		breached.put(CloudEventHeaders.TYPE, EventTypes.SLA_BREACHED.name().getBytes(StandardCharsets.UTF_8));
		breached.put(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
		// Both unreadable: read, each would be dead-lettered; the SLA one first, on the same partition.
		TestKafka.send(Topics.COMPLAINT_CASES.name(), key, breached, "{not json".getBytes(StandardCharsets.UTF_8));
		TestKafka.send(Topics.COMPLAINT_CASES.name(), key, responded, "{not json".getBytes(StandardCharsets.UTF_8));

		List<ConsumerRecord<String, byte[]>> dead = TestKafka.read(Topics.COMPLAINT_ROUTER_DLQ.name(),
				(r) -> key.equals(r.key()),
				(found) -> found.stream().anyMatch((r) -> SlaHarness.type(r).equals(EventTypes.COMPLAINT_RESPONDED.name())),
				Duration.ofSeconds(30));

		assertThat(dead).extracting(SlaHarness::type).containsExactly(EventTypes.COMPLAINT_RESPONDED.name());
		assertThat(CaseTimers.HANDLED).doesNotContain(EventTypes.SLA_BREACHED.name(), EventTypes.SLA_WARNING.name(),
				EventTypes.SLA_ESCALATED.name());
	}

	/** The headers of a {@code complaint.responded.v1} of this customer and case (a fresh event id). */
	private static Map<String, byte[]> respondedHeaders(String customer, String caseId) {
		return EventCodec.event(EventTypes.COMPLAINT_RESPONDED, UUID.randomUUID().toString(), "/complaint-router",
				Instant.now(), caseId, CustomerId.of(customer),
				new ComplaintResponded(CaseId.of(caseId), CustomerId.of(customer), "a", "phone", true, Instant.now(), null))
			.envelope()
			.toHeaders();
	}

	@Test
	void theSlaConsumerObservesTheCaseEventsItHandlesButNotTheOnesItDrops() {
		assertThat(listenerObservation(EventTypes.SLA_BREACHED.name(), CaseTimers.CONSUMER).isNoop()).isTrue();
		assertThat(listenerObservation(EventTypes.COMPLAINT_ROUTED.name(), CaseTimers.CONSUMER).isNoop()).isFalse();
		// Another consumer group reading the same record is observed as usual.
		assertThat(listenerObservation(EventTypes.SLA_BREACHED.name(), "complaint-router").isNoop()).isFalse();
	}

	/** The observation the listener container starts for a record of complaint.cases of this type. */
	private Observation listenerObservation(String type, String group) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.COMPLAINT_CASES.name(), 0, 0L, "cust-1",
				new byte[0]);
		record.headers().add(new RecordHeader(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
		KafkaRecordReceiverContext context = new KafkaRecordReceiverContext(record, "listener", "client", group,
				() -> "cluster");
		return Observation.createNotStarted("spring.kafka.listener", () -> context, this.observations);
	}
}
