package io.feedbackloop.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.feedbackloop.contracts.CloudEventHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHeadersInterceptorTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DeadLetterHeadersInterceptor interceptor = new DeadLetterHeadersInterceptor();

	@Test
	void countsEachDeadLetterByOriginTopicAndTheHandlersException() {
		this.interceptor.configure(Map.of(DeadLetterHeadersInterceptor.CONSUMER_CONFIG, "complaint-router",
				DeadLetterHeadersInterceptor.METER_REGISTRY_CONFIG, this.meters));

		ProducerRecord<Object, Object> sent = this.interceptor.onSend(deadLetter("feedback.intake"));
		this.interceptor.onSend(deadLetter("feedback.intake"));
		this.interceptor.onSend(deadLetter("complaint.cases"));

		assertThat(text(sent, CloudEventHeaders.DEAD_LETTER_EXCEPTION))
			.isEqualTo("io.feedbackloop.contracts.EventFormatException");
		assertThat(count("feedback.intake", "EventFormatException")).isEqualTo(2);
		assertThat(count("complaint.cases", "EventFormatException")).isEqualTo(1);
	}

	@Test
	void countsARecordWithoutExceptionHeadersAsUnknown() {
		this.interceptor.configure(Map.of(DeadLetterHeadersInterceptor.METER_REGISTRY_CONFIG, this.meters));

		this.interceptor.onSend(new ProducerRecord<>("churn-analyzer.dlq", "key", "value"));

		assertThat(count("unknown", "unknown")).isEqualTo(1);
	}

	@Test
	void writesTheHeadersWithoutARegistry() {
		this.interceptor.configure(Map.of());

		ProducerRecord<Object, Object> sent = this.interceptor.onSend(deadLetter("feedback.intake"));

		assertThat(text(sent, CloudEventHeaders.DEAD_LETTER_REASON)).isEqualTo("data is not valid");
		assertThat(this.meters.getMeters()).isEmpty();
	}

	private double count(String topic, String exception) {
		return this.meters.get(DeadLetterHeadersInterceptor.DEAD_LETTERS)
			.tags("topic", topic, "exception", exception)
			.counter()
			.count();
	}

	private static ProducerRecord<Object, Object> deadLetter(String origin) {
		RecordHeaders headers = new RecordHeaders();
		headers.add("x-original-topic", origin.getBytes(StandardCharsets.UTF_8));
		headers.add("x-exception-message", "error occurred in message handler".getBytes(StandardCharsets.UTF_8));
		headers.add("x-exception-stacktrace", """
				org.springframework.messaging.MessageHandlingException: error occurred in message handler
				\tat org.springframework.Foo.bar(Foo.java:1)
				Caused by: io.feedbackloop.contracts.EventFormatException: data is not valid
				\tat io.feedbackloop.Foo.bar(Foo.java:2)
				""".getBytes(StandardCharsets.UTF_8));
		return new ProducerRecord<>(origin.replace('.', '-') + ".dlq", null, "key", "value", headers);
	}

	private static String text(ProducerRecord<Object, Object> record, String header) {
		return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
	}

}
