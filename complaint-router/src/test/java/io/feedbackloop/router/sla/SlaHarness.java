package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.MutableClock;
import io.feedbackloop.local.TestInfrastructure;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.platform.PlatformProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * SLA components wired by hand against the test JVM's real Kafka broker and MongoDB-wire server, each
 * test in a database of its own, with a clock the test moves. Several engines on one database play
 * several instances of the service; a new engine on the same database plays a restarted one.
 */
final class SlaHarness implements AutoCloseable {

	static final SlaProperties.Engine ENGINE = new SlaProperties.Engine(false, Duration.ofMinutes(2),
			Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(15),
			Duration.ofSeconds(10), 4, 100, Duration.ofMinutes(1));

	private static final MongoClient CLIENT = MongoClients.create(TestInfrastructure.get().mongoUri());

	private static final EventPublisher PUBLISHER = new EventPublisher(
			new PlatformProperties(TestInfrastructure.get().kafkaBootstrapServers(), Duration.ofSeconds(5)),
			"complaint-router");

	final MongoDatabase database;

	final MutableClock clock;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	SlaHarness(Instant now) {
		this.database = CLIENT.getDatabase("sla_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
		this.clock = new MutableClock(now);
	}

	TimerStore store() {
		return new TimerStore(this.database, this.clock, ENGINE);
	}

	/** One instance of the engine (its own in-memory schedule and instance id). */
	TimerEngine engine(SlaRules rules) {
		return new TimerEngine(store(), rules, PUBLISHER, new SlaMetrics(this.meters), this.clock, ENGINE,
				Duration.ofSeconds(6));
	}

	CaseTimers caseTimers(SlaRules rules, TimerEngine engine) {
		return new CaseTimers(store(), rules, engine, PUBLISHER, new SlaMetrics(this.meters),
				new IdempotentConsumer(this.database, this.clock, this.meters));
	}

	EventPublisher publisher() {
		return PUBLISHER;
	}

	/** The SLA events of a customer on complaint.cases, waiting until at least {@code atLeast} arrived. */
	static List<ConsumerRecord<String, byte[]>> slaEvents(String customerId, int atLeast) {
		return TestKafka.read(Topics.COMPLAINT_CASES.name(),
				(r) -> customerId.equals(r.key()) && type(r).startsWith("complaint.sla."),
				(found) -> found.size() >= atLeast, Duration.ofSeconds(20));
	}

	/**
	 * Every SLA event of a customer published so far: a marker event with the same key goes to the same
	 * partition after them, and the topic is read up to it, so "nothing more" needs no waiting.
	 */
	static List<ConsumerRecord<String, byte[]>> allSlaEvents(String customerId) {
		String marker = "marker-" + UUID.randomUUID();
		TestKafka.send(EventCodec.event(EventTypes.COMPLAINT_RESPONDED, marker, "/test", Instant.now(), marker,
				CustomerId.of(customerId), new ComplaintResponded(CaseId.of(marker), CustomerId.of(customerId),
						"marker", "phone", false, Instant.now(), null)));
		List<ConsumerRecord<String, byte[]>> read = TestKafka.read(Topics.COMPLAINT_CASES.name(),
				(r) -> customerId.equals(r.key()),
				(found) -> found.stream().anyMatch((r) -> marker.equals(id(r))), Duration.ofSeconds(30));
		if (read.stream().noneMatch((r) -> marker.equals(id(r)))) {
			throw new IllegalStateException("the marker event did not come back from the topic");
		}
		return read.stream().filter((r) -> type(r).startsWith("complaint.sla.")).toList();
	}

	static String type(ConsumerRecord<String, byte[]> record) {
		String type = TestKafka.header(record, CloudEventHeaders.TYPE);
		return (type != null) ? type : "";
	}

	static String id(ConsumerRecord<String, byte[]> record) {
		return TestKafka.header(record, CloudEventHeaders.ID);
	}

	/** Distinct event ids by type: what a consumer that drops repeated ids would handle. */
	static Map<String, Long> distinctByType(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream()
			.collect(Collectors.groupingBy(SlaHarness::type, Collectors.mapping(SlaHarness::id,
					Collectors.collectingAndThen(Collectors.toSet(), (ids) -> (long) ids.size()))));
	}

	@Override
	public void close() {
		this.database.drop();
	}

}
