package io.feedbackloop.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * A plain Kafka client for tests, playing the part of another service or a misbehaving one: it
 * sends events to any topic (the services' publisher refuses topics they do not own), sends raw
 * garbage, and reads a topic from the beginning.
 */
public final class TestKafka {

	private TestKafka() {
	}

	/** Sends an event as its writing service would. */
	public static void send(Event<?> event) {
		String topic = EventTypes.byName(event.envelope().type()).orElseThrow().topic().name();
		send(topic, event.key(), event.envelope().toHeaders(), EventCodec.encode(event.data()));
	}

	/** Sends a raw record: any headers, any bytes. */
	public static void send(String topic, @Nullable String key, Map<String, byte[]> headers, byte @Nullable [] value) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
			headers.forEach((name, bytes) -> record.headers().add(name, bytes));
			producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("send to " + topic + " failed", ex.getCause());
		}
	}

	/**
	 * Reads the topic from the beginning until {@code enough} holds for what was read or the timeout
	 * passes, and returns the records matching {@code filter}.
	 */
	public static List<ConsumerRecord<String, byte[]>> read(String topic,
			Predicate<ConsumerRecord<String, byte[]>> filter, Predicate<List<ConsumerRecord<String, byte[]>>> enough,
			Duration timeout) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
				"test-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
			long deadline = System.nanoTime() + timeout.toNanos();
			do {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
					if (filter.test(record)) {
						matching.add(record);
					}
				}
			}
			while (!enough.test(matching) && System.nanoTime() < deadline);
			return matching;
		}
	}

	/** The records with this key, waiting until at least {@code atLeast} arrived (or 20 s passed). */
	public static List<ConsumerRecord<String, byte[]>> readByKey(String topic, String key, int atLeast) {
		return read(topic, (r) -> key.equals(r.key()), (found) -> found.size() >= atLeast, Duration.ofSeconds(20));
	}

	/**
	 * Every record in the topic now: read from the beginning up to the end offsets at the time of the call,
	 * so that what is not there (a second record for one submission, say) is surely not there.
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
						false),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < end.get(tp))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end " + end);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	/** The records with this key in the topic now ({@link #readAll}). */
	public static List<ConsumerRecord<String, byte[]>> readAllByKey(String topic, String key) {
		return readAll(topic).stream().filter((record) -> key.equals(record.key())).toList();
	}

	/** Header value as text, or null. */
	public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

	private static String bootstrap() {
		return TestInfrastructure.get().kafkaBootstrapServers();
	}

}
