package io.feedbackloop.platform.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.feedbackloop.contracts.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Adds the platform's dead-letter headers ({@code dlq_reason}, {@code dlq_exception},
 * {@code dlq_consumer}, {@code dlq_origin}, see {@link CloudEventHeaders}) to what the Kafka binder
 * writes to the dead-letter topic. Installed on the binder's DLQ producer only
 * ({@code dlq-producer-properties.configuration.interceptor.classes}).
 *
 * <p>The binder records the exception it caught, which is Spring's wrapper ("error occurred in
 * message handler [...]; ..."); the reason a person needs is what the handler threw, which only its
 * {@code x-exception-stacktrace} header still names: the first {@code Caused by:} of the trace that is
 * not one of Spring's messaging wrappers.
 *
 * <p>It also counts every dead letter ({@value #DEAD_LETTERS}, by the topic the event came from and
 * the exception's simple class name) in the service's meter registry, which the platform hands it
 * through the producer configuration ({@link #METER_REGISTRY_CONFIG}).
 */
public class DeadLetterHeadersInterceptor implements ProducerInterceptor<Object, Object> {

	/** Producer configuration key naming the consumer that dead-lettered the record. */
	public static final String CONSUMER_CONFIG = "feedbackloop.dead-letter.consumer";

	/** Producer configuration key holding the service's {@link MeterRegistry}. */
	public static final String METER_REGISTRY_CONFIG = "feedbackloop.dead-letter.meter-registry";

	/** Counter of the events this service sent to its dead-letter topic. */
	public static final String DEAD_LETTERS = "feedbackloop.events.dead.letters";

	private static final String UNKNOWN = "unknown";

	private static final String CAUSED_BY = "Caused by: ";

	private String consumer = UNKNOWN;

	private @Nullable MeterRegistry meters;

	@Override
	public void configure(Map<String, ?> configs) {
		Object value = configs.get(CONSUMER_CONFIG);
		if (value != null) {
			this.consumer = value.toString();
		}
		if (configs.get(METER_REGISTRY_CONFIG) instanceof MeterRegistry registry) {
			this.meters = registry;
		}
	}

	@Override
	public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
		String message = text(record.headers(), "x-exception-message");
		String stackTrace = text(record.headers(), "x-exception-stacktrace");
		if (message == null && stackTrace == null) {
			count(record.headers(), UNKNOWN);
			return record;
		}
		Headers headers = new RecordHeaders(record.headers().toArray());
		RootCause cause = RootCause.of(stackTrace, message, text(record.headers(), "x-exception-fqcn"));
		count(record.headers(), cause.type());
		put(headers, CloudEventHeaders.DEAD_LETTER_REASON, cause.message());
		put(headers, CloudEventHeaders.DEAD_LETTER_EXCEPTION, cause.type());
		put(headers, CloudEventHeaders.DEAD_LETTER_CONSUMER, this.consumer);
		put(headers, CloudEventHeaders.DEAD_LETTER_ORIGIN, origin(record.headers()));
		return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
				record.value(), headers);
	}

	private void count(Headers headers, String exceptionType) {
		if (this.meters != null) {
			String topic = text(headers, "x-original-topic");
			Counter.builder(DEAD_LETTERS)
				.description("Events sent to this service's dead-letter topic")
				.tag("topic", (topic != null) ? topic : UNKNOWN)
				.tag("exception", exceptionType.substring(exceptionType.lastIndexOf('.') + 1))
				.register(this.meters)
				.increment();
		}
	}

	/** {@code topic-partition@offset} of the record that failed, as Kafka tools print it. */
	private static String origin(Headers headers) {
		String topic = text(headers, "x-original-topic");
		Header partition = headers.lastHeader("x-original-partition");
		Header offset = headers.lastHeader("x-original-offset");
		StringBuilder origin = new StringBuilder((topic != null) ? topic : "unknown");
		if (partition != null && partition.value().length == Integer.BYTES) {
			origin.append('-').append(ByteBuffer.wrap(partition.value()).getInt());
		}
		if (offset != null && offset.value().length == Long.BYTES) {
			origin.append('@').append(ByteBuffer.wrap(offset.value()).getLong());
		}
		return origin.toString();
	}

	private static void put(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
	}

	@Override
	public void close() {
	}

	record RootCause(String type, String message) {

		static RootCause of(@Nullable String stackTrace, @Nullable String message, @Nullable String type) {
			RootCause found = null;
			if (stackTrace != null) {
				for (int start = stackTrace.indexOf(CAUSED_BY); start >= 0; start = stackTrace.indexOf(CAUSED_BY,
						start + CAUSED_BY.length())) {
					found = parse(stackTrace.substring(start + CAUSED_BY.length()));
					if (!found.type().startsWith("org.springframework.")) {
						return found;
					}
				}
			}
			if (found != null) {
				return found;
			}
			return new RootCause((type != null) ? type : "unknown", (message != null) ? message : "");
		}

		/** Reads "type: message" up to the first stack frame; messages may span lines. */
		private static RootCause parse(String section) {
			int frames = section.indexOf("\n\tat ");
			String head = ((frames >= 0) ? section.substring(0, frames) : section).strip();
			int colon = head.indexOf(": ");
			return (colon >= 0) ? new RootCause(head.substring(0, colon), head.substring(colon + 2))
					: new RootCause(head, "");
		}

	}

}
