package io.feedbackloop.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventType;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes events to their topic with the CloudEvents envelope in the headers and the customer id as
 * the key. Acknowledged means written to every in-sync replica ({@code acks=all}, idempotent
 * producer). Refuses to publish to a topic this service does not own: one writer per topic.
 */
public class EventPublisher implements DisposableBean {

	private final KafkaProducer<String, byte[]> producer;

	private final String serviceName;

	private final Duration sendTimeout;

	public EventPublisher(PlatformProperties properties, String serviceName) {
		this.serviceName = serviceName;
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
		CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
		try {
			this.producer.send(record, (metadata, exception) -> {
				if (exception != null) {
					result.completeExceptionally(exception);
				}
				else {
					result.complete(metadata);
				}
			});
		}
		catch (RuntimeException ex) {
			// send() itself throws when metadata cannot be had within max.block.ms.
			result.completeExceptionally(ex);
		}
		return result;
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
