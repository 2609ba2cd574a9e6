package io.feedbackloop.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventType;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.Topic;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes events to their topic with the CloudEvents envelope in the headers and the customer id as
 * the key. Acknowledged means written to every in-sync replica ({@code acks=all}, idempotent
 * producer). Refuses to publish to a topic this service does not own: one writer per topic.
 *
 * <p>Each publish is an observation ({@code feedbackloop.events.publish}: a timer by topic and type,
 * and a producer span when tracing is on). Its trace context, a child of the HTTP request or Kafka
 * record being handled, goes into the record's {@code traceparent}/{@code tracestate} headers,
 * which the consumers' listener containers continue, and into the CloudEvents distributed-tracing
 * extension ({@code ce_traceparent}/{@code ce_tracestate}), so that one trace id follows a piece of
 * feedback through every service.
 */
public class EventPublisher implements DisposableBean {

	/** The observation of one publish; also the name of its timer. */
	public static final String OBSERVATION = "feedbackloop.events.publish";

	static final String TRACE_PARENT = "traceparent";

	static final String TRACE_STATE = "tracestate";

	private final KafkaProducer<String, byte[]> producer;

	private final String serviceName;

	private final Duration sendTimeout;

	private final ObservationRegistry observations;

	public EventPublisher(PlatformProperties properties, String serviceName) {
		this(properties, serviceName, ObservationRegistry.NOOP);
	}

	public EventPublisher(PlatformProperties properties, String serviceName, ObservationRegistry observations) {
		this.serviceName = serviceName;
		this.observations = observations;
		this.sendTimeout = properties.sendTimeout();
		int timeoutMs = Math.toIntExact(properties.sendTimeout().toMillis());
		int lingerMs = 5;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				properties.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, lingerMs,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
				Math.max(1000, timeoutMs - lingerMs - 1), ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
				Math.max(1000 + lingerMs, timeoutMs), ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-events"),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** Sends without waiting; the future completes when the brokers acknowledged it. */
	public CompletableFuture<RecordMetadata> publish(Event<?> event) {
		ProducerRecord<String, byte[]> record = toRecord(event);
		Observation observation = startObservation(record, event);
		CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
		try {
			this.producer.send(record, (metadata, exception) -> {
				// The observation ends before the caller hears, so that its timer already counts this publish.
				if (exception != null) {
					observation.error(exception);
					observation.stop();
					result.completeExceptionally(exception);
				}
				else {
					observation.stop();
					result.complete(metadata);
				}
			});
		}
		catch (RuntimeException ex) {
			// send() itself throws when metadata cannot be had within max.block.ms.
			observation.error(ex);
			observation.stop();
			result.completeExceptionally(ex);
		}
		return result;
	}

	/**
	 * Started on the caller's thread, so that the current observation (the HTTP request, the Kafka
	 * record being handled) is its parent; the tracing handler writes the trace context into the
	 * record's headers as it starts.
	 */
	private Observation startObservation(ProducerRecord<String, byte[]> record, Event<?> event) {
		SenderContext<ProducerRecord<String, byte[]>> context = new SenderContext<>(EventPublisher::setHeader);
		context.setCarrier(record);
		context.setRemoteServiceName("kafka");
		Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, this.observations)
			.contextualName(record.topic() + " publish")
			.lowCardinalityKeyValue("topic", record.topic())
			.lowCardinalityKeyValue("type", event.envelope().type())
			.start();
		copyHeader(record, TRACE_PARENT, CloudEventHeaders.TRACE_PARENT);
		copyHeader(record, TRACE_STATE, CloudEventHeaders.TRACE_STATE);
		return observation;
	}

	private static void setHeader(@Nullable ProducerRecord<String, byte[]> record, String name, String value) {
		if (record != null) {
			record.headers().remove(name);
			record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void copyHeader(ProducerRecord<String, byte[]> record, String from, String to) {
		Header header = record.headers().lastHeader(from);
		if (header != null) {
			record.headers().remove(to);
			record.headers().add(to, header.value());
		}
	}

	/**
	 * Sends and waits for the brokers' acknowledgement, at most the configured send timeout.
	 * @throws PublishFailedException when it was not acknowledged in time
	 */
	public RecordMetadata publishAndWait(Event<?> event) {
		try {
			return publish(event).get(this.sendTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishFailedException("interrupted while waiting for Kafka", ex);
		}
		catch (ExecutionException ex) {
			throw new PublishFailedException("Kafka did not acknowledge " + event.envelope().type() + ": "
					+ ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new PublishFailedException("Kafka did not acknowledge " + event.envelope().type() + " within "
					+ this.sendTimeout, ex);
		}
	}

	private ProducerRecord<String, byte[]> toRecord(Event<?> event) {
		EventType<?> type = EventTypes.byName(event.envelope().type())
			.orElseThrow(() -> new IllegalArgumentException("unknown event type " + event.envelope().type()));
		Topic topic = type.topic();
		if (!topic.writer().equals(this.serviceName)) {
			throw new IllegalStateException(this.serviceName + " may not write to " + topic.name() + ", owned by "
					+ topic.writer());
		}
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), event.key(),
				EventCodec.encode(event.data()));
		event.envelope().toHeaders().forEach((name, value) -> record.headers().add(name, value));
		return record;
	}

	@Override
	public void destroy() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
