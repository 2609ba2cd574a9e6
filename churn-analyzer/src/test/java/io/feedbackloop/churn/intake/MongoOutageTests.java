package io.feedbackloop.churn.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.MongoTimeoutException;
import io.feedbackloop.churn.ChurnAnalyzerApplication;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.MongoWireServer;
import io.feedbackloop.local.Ports;
import io.feedbackloop.local.TestInfrastructure;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.platform.consumer.OutageTolerantErrorHandling;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB goes away for a while under a running consumer, as the real driver experiences it: the
 * wire server it talks to stops, then starts again on the same port with the same data. The valid
 * event consumed meanwhile waits (not dead-lettered) and counts once when MongoDB is back; a
 * malformed event still goes to the dead-letter topic at once, with its reason.
 *
 * <p>An instance of its own (its MongoDB is this test's), whose {@code feedbackEvents} binding reads a
 * topic of its own in a group of its own, so that no other test's consumer takes its events.
 */
class MongoOutageTests {

	private static final String GROUP = "churn-analyzer-outage-test";

	@Test
	void validEventWaitsOutAMongoDbOutageAndCountsOnceAfterwardsWhileAMalformedOneIsDeadLetteredAtOnce()
			throws Exception {
		TestInfrastructure.Endpoints infra = TestInfrastructure.get();
		String topic = "outage-test.feedback.intake." + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				infra.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
		Path data = Files.createTempDirectory("outage-test-mongo").resolve("mongo.mv");
		int port = Ports.free();
		MongoWireServer mongo = MongoWireServer.startInFile(data, port);
		try (ConfigurableApplicationContext churn = new SpringApplicationBuilder(ChurnAnalyzerApplication.class)
			.run("--server.port=0", "--feedbackloop.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
					"--spring.mongodb.uri=mongodb://127.0.0.1:" + port,
					"--feedbackloop.outage.mongodb-server-selection-timeout=300ms",
					"--feedbackloop.outage.retry-initial-interval=100ms",
					"--feedbackloop.outage.retry-max-interval=500ms",
					"--spring.cloud.stream.bindings.feedbackEvents-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.feedbackEvents-in-0.group=" + GROUP,
					"--spring.cloud.stream.bindings.caseEvents-in-0.consumer.auto-startup=false",
					"--spring.cloud.stream.bindings.signalEvents-in-0.consumer.auto-startup=false")) {
			ProfileStore profiles = churn.getBean(ProfileStore.class);
			CustomerId customer = CustomerEvents.newCustomer();
			send(topic, CustomerEvents.received(CustomerEvents.feedback(customer, Channel.SMS)));
			awaitContacts(profiles, customer, 1);
			// Its offset committed too: else a rebalance would deliver it again during the outage, where it
			// rightly waits as well (its duplicate check needs MongoDB), holding up the partition.
			awaitCommitted(infra, topic, 1);

			mongo.close();
			CustomerId other = CustomerEvents.newCustomer();
			byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
			TestKafka.send(topic, other.value(),
					CustomerEvents.received(CustomerEvents.feedback(other, Channel.WEB)).envelope().toHeaders(),
					garbage);
			send(topic, CustomerEvents.received(CustomerEvents.feedback(customer, Channel.PHONE)));

			List<ConsumerRecord<String, byte[]>> dead = TestKafka.read(Topics.CHURN_ANALYZER_DLQ.name(),
					(r) -> other.value().equals(r.key()), (found) -> !found.isEmpty(), Duration.ofSeconds(10));
			assertThat(dead).singleElement().satisfies((record) -> {
				assertThat(record.value()).isEqualTo(garbage);
				assertThat(TestKafka.header(record, CloudEventHeaders.DEAD_LETTER_REASON))
					.contains("not a valid FeedbackReceived");
				assertThat(TestKafka.header(record, CloudEventHeaders.DEAD_LETTER_ORIGIN)).startsWith(topic + "-0@");
			});
			MeterRegistry meters = churn.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> outageRetries(meters, topic) >= 5);
			assertThat(deadLettersOf(customer)).isEmpty();

			mongo = MongoWireServer.startInFile(data, port);

			awaitContacts(profiles, customer, 2);
			send(topic, CustomerEvents.received(CustomerEvents.feedback(customer, Channel.APP)));
			CustomerProfile profile = awaitContacts(profiles, customer, 3);
			assertThat(profile.contactsByChannel()).containsEntry("sms", 1L)
				.containsEntry("phone", 1L)
				.containsEntry("app", 1L);
			assertThat(deadLettersOf(customer)).isEmpty();
		}
		finally {
			mongo.close();
		}
	}

	private static void send(String topic, Event<FeedbackReceived> event) {
		TestKafka.send(topic, event.key(), event.envelope().toHeaders(), EventCodec.encode(event.data()));
	}

	private static CustomerProfile awaitContacts(ProfileStore profiles, CustomerId customer, int contacts) {
		// Right after the restart the test's own reads may still time out, until the driver's monitor
		// has seen the server again (as the consumer's do, which wait it out).
		return await().atMost(Duration.ofSeconds(30))
			.ignoreException(MongoTimeoutException.class)
			.until(() -> profiles.find(customer), (found) -> found.filter((p) -> p.contacts() == contacts).isPresent())
			.orElseThrow();
	}

	private static void awaitCommitted(TestInfrastructure.Endpoints infra, String topic, long offset) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				infra.kafkaBootstrapServers()))) {
			TopicPartition partition = new TopicPartition(topic, 0);
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
					.partitionsToOffsetAndMetadata()
					.get()
					.get(partition);
				return committed != null && committed.offset() >= offset;
			});
		}
	}

	private static double outageRetries(MeterRegistry meters, String topic) {
		return meters.find(OutageTolerantErrorHandling.OUTAGE_RETRIES)
			.tag("topic", topic)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static List<ConsumerRecord<String, byte[]>> deadLettersOf(CustomerId customer) {
		return TestKafka.readAllByKey(Topics.CHURN_ANALYZER_DLQ.name(), customer.value());
	}

}
