package io.feedbackloop.ingest.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.KafkaRecords;
import io.feedbackloop.ingest.status.FeedbackStatusStore;
import io.feedbackloop.local.Ports;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.PlatformProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake without Spring: the real broker, and a MongoDB nobody answers on. */
class IntakeServiceTests {

	private final EventPublisher publisher = new EventPublisher(
			new PlatformProperties(KafkaRecords.bootstrapServers(), Duration.ofSeconds(5)), "feedback-ingest");

	private final MongoClient unreachableMongo = MongoClients.create("mongodb://127.0.0.1:" + Ports.free());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void close() {
		this.publisher.destroy();
		this.unreachableMongo.close();
	}

	@Test
	void feedbackIsAcceptedWhenOnlyTheStatusDocumentCannotBeWritten() {
		IngestProperties properties = new IngestProperties(DataSize.ofKilobytes(64), 10_000, Duration.ofMinutes(5),
				Duration.ofSeconds(5), Duration.ofMillis(300));
		FeedbackStatusStore statuses = new FeedbackStatusStore(this.unreachableMongo.getDatabase("feedback_ingest"),
				properties);
		IntakeService intake = new IntakeService(this.publisher, statuses, new IntakeMetrics(this.meters),
				Clock.systemUTC(), "feedback-ingest");
		String customerId = Feedbacks.uniqueCustomerId();

		AcceptedFeedback accepted = intake.accept(new ValidFeedback(Channel.WEB, "web-1", new CustomerId(customerId),
				new Contact(null, null, "li@example.com"), Instant.now(), "hello", "en"));

		assertThat(accepted.status()).isEqualTo("accepted");
		assertThat(KafkaRecords.withKey(Topics.FEEDBACK_INTAKE.name(), customerId)).singleElement()
			.satisfies((record) -> assertThat(KafkaRecords.header(record, "ce_subject")).isEqualTo(accepted.feedbackId()));
		assertThat(this.meters.get("feedbackloop.ingest.status.write.failures").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("feedbackloop.ingest.accepted").tag("channel", "web").counter().count())
			.isEqualTo(1);
	}

}
