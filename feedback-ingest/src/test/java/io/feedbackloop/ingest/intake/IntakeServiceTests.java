package io.feedbackloop.ingest.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.idempotency.Claims;
import io.feedbackloop.ingest.idempotency.IdempotencyStoreException;
import io.feedbackloop.ingest.security.ApiClient;
import io.feedbackloop.ingest.security.TokenBucket;
import io.feedbackloop.ingest.status.FeedbackStatusStore;
import io.feedbackloop.local.Ports;
import io.feedbackloop.local.TestInfrastructure;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.PlatformProperties;
import io.feedbackloop.platform.PublishFailedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The intake without Spring: the real broker and MongoDB for the claims, a MongoDB nobody answers on for statuses. */
class IntakeServiceTests {

	private final PlatformProperties platform = new PlatformProperties(
			TestInfrastructure.get().kafkaBootstrapServers(), Duration.ofSeconds(5));

	private final EventPublisher publisher = new EventPublisher(this.platform, "feedback-ingest");

	private final MongoClient mongo = MongoClients.create(TestInfrastructure.get().mongoUri());

	private final MongoClient unreachableMongo = MongoClients.create("mongodb://127.0.0.1:" + Ports.free());

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void close() {
		this.publisher.destroy();
		this.mongo.close();
		this.unreachableMongo.close();
	}

	private final IngestProperties properties = FeedbackValidatorTests.properties(10_000);

	/** MongoDB operations give up after 300 ms: nobody answers on the unreachable port. */
	private final IngestProperties impatient = new IngestProperties(this.properties.maxBodySize(),
			this.properties.maxBatchBodySize(), this.properties.maxBatchSize(), this.properties.maxTextLength(),
			this.properties.maxFutureSkew(), this.properties.retryAfter(), Duration.ofMillis(300),
			this.properties.defaultRegion(), this.properties.defaultLanguage(), this.properties.pseudonymKey(),
			this.properties.idempotency());

	private final ApiClient client = new ApiClient("unit", Set.of(Channel.WEB),
			new TokenBucket(100, 100, Clock.systemUTC()));

	@Test
	void recordIsRefusedAndNotPublishedWhenItsIdempotencyClaimCannotBeMade() {
		Claims unreachable = new Claims(this.unreachableMongo.getDatabase("feedback_ingest"), Clock.systemUTC(),
				this.impatient);
		FeedbackStatusStore statuses = new FeedbackStatusStore(this.mongo.getDatabase("feedback_ingest"),
				this.properties);
		IntakeService intake = new IntakeService(this.publisher, unreachable,
				new AcceptedWrites(unreachable, statuses, this.properties), new IntakeMetrics(this.meters),
				Clock.systemUTC(), this.properties, this.platform, "feedback-ingest");
		String customerId = Feedbacks.uniqueCustomerId();

		assertThatThrownBy(() -> intake.accept(this.client, feedback(customerId), null))
			.isInstanceOf(IdempotencyStoreException.class);

		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
	}

	@Test
	void feedbackIsAcceptedWhenOnlyTheStatusDocumentCannotBeWritten() {
		IngestProperties properties = this.properties;
		IngestProperties impatient = this.impatient;
		FeedbackStatusStore statuses = new FeedbackStatusStore(this.unreachableMongo.getDatabase("feedback_ingest"),
				impatient);
		Claims claims = new Claims(this.mongo.getDatabase("feedback_ingest"), Clock.systemUTC(), properties);
		IntakeService intake = new IntakeService(this.publisher, claims, new AcceptedWrites(claims, statuses, properties),
				new IntakeMetrics(this.meters),
				Clock.systemUTC(), properties, this.platform, "feedback-ingest");
		String customerId = Feedbacks.uniqueCustomerId();

		AcceptedFeedback accepted = intake.accept(this.client, feedback(customerId), null);

		assertThat(accepted.status()).isEqualTo("accepted");
		assertThat(accepted.duplicate()).isFalse();
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).singleElement()
			.satisfies((record) -> assertThat(TestKafka.header(record, "ce_subject")).isEqualTo(accepted.feedbackId()));
		assertThat(this.meters.get("feedbackloop.ingest.status.write.failures").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("feedbackloop.ingest.accepted").tag("channel", "web").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aBatchStopsSendingWhenItsTimeIsUpAndFreesTheRecordsItDidNotSend() {
		// Nothing listens on that port: every send blocks for the topic's metadata up to the send timeout, 1 s.
		PlatformProperties down = new PlatformProperties("127.0.0.1:" + Ports.free(), Duration.ofSeconds(1));
		EventPublisher unreachable = new EventPublisher(down, "feedback-ingest");
		try {
			Claims claims = new Claims(this.mongo.getDatabase("feedback_ingest"), Clock.systemUTC(), this.properties);
			FeedbackStatusStore statuses = new FeedbackStatusStore(this.mongo.getDatabase("feedback_ingest"),
					this.properties);
			IntakeService intake = new IntakeService(unreachable, claims, new AcceptedWrites(claims, statuses,
					this.properties), new IntakeMetrics(this.meters), Clock.systemUTC(), this.properties, down,
					"feedback-ingest");
			List<IntakeService.BatchEntry> batch = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				batch.add(new IntakeService.BatchEntry(feedback(Feedbacks.uniqueCustomerId()), null));
			}

			List<IntakeService.ItemResult> results = intake.acceptAll(this.client, batch);

			assertThat(results).allSatisfy((r) -> assertThat(r.error()).isInstanceOf(PublishFailedException.class));
			// the first sends each waited their second; the rest of the batch was not sent at all
			assertThat(results.get(results.size() - 1).error()).hasMessageContaining("not sent");
			// and its records are free: the same one again is claimed anew, not "in progress"
			List<IntakeService.ItemResult> again = intake.acceptAll(this.client, batch.subList(5, 6));
			assertThat(again.get(0).error()).isInstanceOf(PublishFailedException.class);
		}
		finally {
			unreachable.destroy();
		}
	}

	private static ValidFeedback feedback(String customerId) {
		return new ValidFeedback(Channel.WEB, "web-" + customerId, new CustomerId(customerId),
				new Contact(null, null, "li@example.com"), Instant.now().truncatedTo(ChronoUnit.SECONDS), "hello", "en",
				null);
	}

}
