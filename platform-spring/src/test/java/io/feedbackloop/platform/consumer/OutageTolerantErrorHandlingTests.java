package io.feedbackloop.platform.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoTimeoutException;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.EventFormatException;
import io.feedbackloop.platform.deadletter.DeadLetterHeadersInterceptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import static io.feedbackloop.platform.consumer.InfrastructureFailuresTests.asTheContainerSeesIt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class OutageTolerantErrorHandlingTests {

	private static final TopicPartition PARTITION = new TopicPartition("feedback.intake", 0);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final OutageTolerantErrorHandling handling = new OutageTolerantErrorHandling(
			new OutageProperties(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5)), () -> {
				throw new IllegalStateException("no dead-letter producer in these tests");
			}, List.of(), this.meters);

	private final List<ConsumerRecord<?, ?>> deadLettered = new ArrayList<>();

	private final DefaultErrorHandler handler = this.handling.errorHandler("churn-analyzer",
			(record, ex) -> this.deadLettered.add(record), theBindingsBackOff(), binding());

	private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

	private final MessageListenerContainer container = mock(MessageListenerContainer.class);

	private final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(),
			42, "customer".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

	OutageTolerantErrorHandlingTests() {
		this.consumer.assign(List.of(PARTITION));
	}

	@Test
	void anOutageIsTriedAgainWithoutLimitFromTheSameOffsetAndNeverDeadLettered() {
		Exception outage = asTheContainerSeesIt(
				new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("no server")));
		for (int i = 0; i < 50; i++) {
			fail(outage);
			assertThat(this.consumer.position(PARTITION)).isEqualTo(42);
		}

		assertThat(this.deadLettered).isEmpty();
		assertThat(this.meters.get(OutageTolerantErrorHandling.OUTAGE_RETRIES)
			.tags("topic", "feedback.intake", "group", "churn-analyzer", "exception",
					"DataAccessResourceFailureException")
			.counter()
			.count()).isEqualTo(50);
	}

	@Test
	void aMalformedEventIsDeadLetteredAtOnce() {
		fail(asTheContainerSeesIt(new EventFormatException("not a valid FeedbackReceived")));

		assertThat(this.deadLettered).containsExactly(this.record);
	}

	@Test
	void anyOtherFailureIsDeadLetteredAfterTheBindingsAttempts() {
		assertDeadLetteredOnTheFifthTry(asTheContainerSeesIt(new IllegalStateException("bug")));
	}

	@Test
	void aFailureThatChangesKindAfterAnOutageCountsItsAttemptsAfresh() {
		for (int i = 0; i < 10; i++) {
			fail(asTheContainerSeesIt(new MongoTimeoutException("no server")));
		}

		assertDeadLetteredOnTheFifthTry(asTheContainerSeesIt(new IllegalStateException("bug")));
	}

	private void assertDeadLetteredOnTheFifthTry(Exception bug) {
		for (int i = 1; i < 5; i++) {
			fail(bug);
		}
		assertThat(this.deadLettered).isEmpty();

		fail(bug);

		assertThat(this.deadLettered).containsExactly(this.record);
	}

	@Test
	void theOutageBackOffDoublesUpToItsMaximumAndNeverStops() {
		OutageTolerantErrorHandling slow = new OutageTolerantErrorHandling(
				new OutageProperties(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5)),
				() -> null, List.of(), this.meters);
		BackOffExecution execution = slow.outageBackOff().start();
		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			waits.add(execution.nextBackOff());
		}

		assertThat(waits.subList(0, 7)).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
		assertThat(waits).doesNotContain(BackOffExecution.STOP).allSatisfy((wait) -> assertThat(wait).isLessThanOrEqualTo(30000L));
	}

	@Test
	void deadLetterHeadersAreTheBindersSoThePlatformInterceptorFindsTheReason() {
		Headers headers = new RecordHeaders();
		OutageTolerantErrorHandling.binderExceptionHeaders(headers,
				asTheContainerSeesIt(new EventFormatException("not a valid FeedbackReceived: occurredAt")), false,
				OutageTolerantErrorHandling.binderHeaderNames());
		headers.add("x-original-topic", "feedback.intake".getBytes(StandardCharsets.UTF_8));

		assertThat(text(headers, "x-exception-fqcn")).isEqualTo("org.springframework.messaging.MessageHandlingException");
		assertThat(text(headers, "x-exception-message")).contains("not a valid FeedbackReceived: occurredAt");
		DeadLetterHeadersInterceptor interceptor = new DeadLetterHeadersInterceptor();
		interceptor.configure(Map.of(DeadLetterHeadersInterceptor.CONSUMER_CONFIG, "churn-analyzer"));
		ProducerRecord<Object, Object> sent = interceptor
			.onSend(new ProducerRecord<>("churn-analyzer.dlq", null, null, "customer", "{}", headers));
		assertThat(text(sent.headers(), CloudEventHeaders.DEAD_LETTER_EXCEPTION))
			.isEqualTo(EventFormatException.class.getName());
		assertThat(text(sent.headers(), CloudEventHeaders.DEAD_LETTER_REASON))
			.isEqualTo("not a valid FeedbackReceived: occurredAt");
	}

	/** The container's call after the record failed; the handler throws when the record is to be tried again. */
	private void fail(Exception ex) {
		try {
			this.handler.handleRemaining(ex, List.of(this.record), this.consumer, this.container);
		}
		catch (NestedRuntimeException retried) {
			assertThat(retried).hasMessageContaining("not yet recovered");
		}
	}

	/** As the binder makes it from max-attempts 5 (the platform's bindings). */
	private static BackOff theBindingsBackOff() {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(4);
		backOff.setInitialInterval(1);
		backOff.setMaxInterval(2);
		return backOff;
	}

	private static ExtendedConsumerProperties<KafkaConsumerProperties> binding() {
		ExtendedConsumerProperties<KafkaConsumerProperties> binding = new ExtendedConsumerProperties<>(
				new KafkaConsumerProperties());
		binding.setMaxAttempts(5);
		binding.setRetryableExceptions(Map.of(EventFormatException.class, false));
		return binding;
	}

	private static String text(Headers headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
