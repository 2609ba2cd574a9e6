package io.feedbackloop.churn.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import io.feedbackloop.churn.analytics.SurveyAnswerLog;
import io.feedbackloop.churn.profile.ChurnProperties;
import io.feedbackloop.churn.profile.ProfileBatch;
import io.feedbackloop.churn.risk.RiskWatch;
import io.feedbackloop.churn.winloss.WinLossLog;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventFormatException;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.platform.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the analyzer's collections from the topics, from the beginning: {@code feedback.intake},
 * {@code complaint.cases} and {@code customer.signals} are read with a consumer of its own (no group:
 * every partition assigned, from offset 0 to the end offsets taken when it starts), and each event is
 * applied exactly as the live consumers apply it (the same change, derived fields and episode rule),
 * into fresh collections named {@code <collection>_<suffix>}. It is their only writer, so it works a
 * chunk of {@value #CHUNK} records at a time in memory ({@link ProfileBatch}: one read and one bulk
 * write of profiles per chunk) while a thread of its own reads and decodes the next chunk. Warnings
 * are not published again (they are on the topic already).
 * {@link #swap} then renames the fresh collections over the live ones.
 */
@Component
public class Rebuild {

	/** The collections a rebuild makes. */
	public static final List<String> COLLECTIONS = List.of("customer_profiles", "win_loss", SurveyAnswerLog.COLLECTION);

	static final List<String> TOPICS = List.of(Topics.FEEDBACK_INTAKE.name(), Topics.COMPLAINT_CASES.name(),
			Topics.CUSTOMER_SIGNALS.name());

	/**
	 * Records per chunk (a few polls): one read and one bulk write of profiles each, so a customer with
	 * several events in a chunk is written once.
	 */
	static final int CHUNK = 20_000;

	private static final int POLL = 5000;

	private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

	private final MongoDatabase database;

	private final ChurnProperties properties;

	private final RiskWatch risk;

	private final EventPublisher publisher;

	private final Clock clock;

	private final String bootstrapServers;

	Rebuild(MongoDatabase database, ChurnProperties properties, RiskWatch risk, EventPublisher publisher, Clock clock,
			@Value("${feedbackloop.kafka.bootstrap-servers}") String bootstrapServers) {
		this.database = database;
		this.properties = properties;
		this.risk = risk;
		this.publisher = publisher;
		this.clock = clock;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * What a rebuild did.
	 * @param suffix the fresh collections' suffix
	 * @param events events read
	 * @param applied events that changed a profile
	 * @param skipped records not readable as an event the analyzer follows
	 * @param millis how long it took
	 */
	public record Result(String suffix, long events, long applied, long skipped, long millis) {

	}

	/** Drops and fills {@code <collection>_<suffix>} for every collection of {@link #COLLECTIONS}. */
	public Result rebuildInto(String suffix) {
		long started = System.nanoTime();
		for (String name : COLLECTIONS) {
			this.database.getCollection(name + "_" + suffix).drop();
		}
		ProfileBatch profiles = ProfileBatch.onlyWriterOf(this.database.getCollection("customer_profiles_" + suffix),
				this.clock, this.properties);
		WinLossLog winLoss = WinLossLog.in(this.database, "win_loss_" + suffix, this.publisher, this.clock,
				new SimpleMeterRegistry());
		SurveyAnswerLog surveys = SurveyAnswerLog.in(this.database.getCollection(SurveyAnswerLog.COLLECTION + "_" + suffix));
		long applied = 0;
		// where the time went: waiting for the reader (Kafka, decoding), loading profiles, applying, writing
		long[] nanos = new long[4];
		BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(2);
		Reader reader = new Reader(chunks);
		Thread readerThread = new Thread(reader, "rebuild-reader-" + suffix);
		readerThread.start();
		try {
			while (true) {
				// One chunk: the records of a few polls, decoded (by the reader, meanwhile); their customers'
				// stored profiles read at once, every event applied in memory in the order polled, the
				// changed profiles written at once.
				long t0 = System.nanoTime();
				Chunk chunk = chunks.take();
				if (chunk.last()) {
					break;
				}
				long t1 = System.nanoTime();
				profiles.load(chunk.changes().stream().map(ProfileEvents.Change::customer).toList());
				long t2 = System.nanoTime();
				List<Event<?>> appliedEvents = new ArrayList<>(chunk.events().size());
				for (int i = 0; i < chunk.changes().size(); i++) {
					ProfileEvents.Change change = chunk.changes().get(i);
					Event<?> event = chunk.events().get(i);
					Document profile = profiles.apply(change.customer(), event.envelope().id(), change.change());
					if (profile == null) {
						continue;
					}
					applied++;
					appliedEvents.add(event);
					this.risk.settleInMemory(profile);
				}
				long t3 = System.nanoTime();
				profiles.flush();
				winLoss.keepAll(appliedEvents);
				surveys.keepAll(appliedEvents);
				long t4 = System.nanoTime();
				nanos[0] += t1 - t0;
				nanos[1] += t2 - t1;
				nanos[2] += t3 - t2;
				nanos[3] += t4 - t3;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("rebuild interrupted", ex);
		}
		finally {
			reader.stop();
			readerThread.interrupt();
		}
		Exception failure = reader.failure;
		if (failure != null) {
			throw new IllegalStateException("rebuild could not read the topics", failure);
		}
		long events = reader.events;
		long skipped = reader.skipped;
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		log.info("Rebuilt {} from {} events ({} applied, {} skipped) in {} ms: reading and decoding {} ms, loading "
				+ "profiles {} ms, applying {} ms, writing {} ms (waiting for the reader: {} ms)", COLLECTIONS, events, applied, skipped, millis,
				reader.nanos / 1_000_000, nanos[1] / 1_000_000, nanos[2] / 1_000_000, nanos[3] / 1_000_000,
				nanos[0] / 1_000_000);
		return new Result(suffix, events, applied, skipped, millis);
	}

	/**
	 * Renames {@code <collection>_<suffix>} over each live collection; the live one is kept as
	 * {@code <collection>_replaced_<suffix>} until someone drops it.
	 */
	public void swap(String suffix) {
		String db = this.database.getName();
		for (String name : COLLECTIONS) {
			MongoCollection<Document> live = this.database.getCollection(name);
			if (live.countDocuments() > 0 || collectionExists(name)) {
				live.renameCollection(new MongoNamespace(db, name + "_replaced_" + suffix),
						new RenameCollectionOptions().dropTarget(true));
			}
			this.database.getCollection(name + "_" + suffix)
				.renameCollection(new MongoNamespace(db, name), new RenameCollectionOptions().dropTarget(true));
		}
	}

	private boolean collectionExists(String name) {
		return this.database.listCollectionNames().into(new ArrayList<>()).contains(name);
	}

	/** A chunk's events the analyzer follows, decoded; the {@code last} one carries none. */
	private record Chunk(List<ProfileEvents.Change> changes, List<Event<?>> events, boolean last) {

	}

	/**
	 * Reads the topics from the beginning to the end offsets taken at its start (its own consumer, no
	 * group, every partition assigned) and decodes {@value #CHUNK} records at a time into a chunk, on a thread of its own, so
	 * that decoding the next chunk overlaps the writing of the last.
	 */
	private final class Reader implements Runnable {

		private final BlockingQueue<Chunk> chunks;

		private volatile boolean stopped;

		private volatile @Nullable Exception failure;

		private volatile long events;

		private volatile long skipped;

		private volatile long nanos;

		Reader(BlockingQueue<Chunk> chunks) {
			this.chunks = chunks;
		}

		void stop() {
			this.stopped = true;
		}

		@Override
		public void run() {
			Set<String> followed = new HashSet<>(ProfileEvents.FEEDBACK_TYPES);
			followed.addAll(ProfileEvents.CASE_TYPES);
			followed.addAll(ProfileEvents.SIGNAL_TYPES);
			try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
					ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Rebuild.this.bootstrapServers,
					ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL,
					ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
					new ByteArrayDeserializer())) {
				List<TopicPartition> partitions = new ArrayList<>();
				for (String topic : TOPICS) {
					for (PartitionInfo info : consumer.partitionsFor(topic)) {
						partitions.add(new TopicPartition(topic, info.partition()));
					}
				}
				consumer.assign(partitions);
				consumer.seekToBeginning(partitions);
				Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
				while (!this.stopped && !caughtUp(consumer, end)) {
					long t0 = System.nanoTime();
					List<ProfileEvents.Change> changes = new ArrayList<>();
					List<Event<?>> decoded = new ArrayList<>();
					int records = 0;
					while (records < CHUNK && !this.stopped && !caughtUp(consumer, end)) {
						for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
							records++;
							if (record.offset() >= end
								.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
								continue;
							}
							this.events++;
							Event<?> event = followedEvent(record, followed);
							ProfileEvents.Change change = (event != null)
									? ProfileEvents.changeOf(event, Rebuild.this.properties).orElse(null) : null;
							if (change == null) {
								this.skipped++;
								continue;
							}
							changes.add(change);
							decoded.add(event);
						}
					}
					this.nanos += System.nanoTime() - t0;
					if (!changes.isEmpty()) {
						this.chunks.put(new Chunk(changes, decoded, false));
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				this.failure = ex;
			}
			try {
				this.chunks.put(new Chunk(List.of(), List.of(), true));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** The record as an event of a type the analyzer follows; {@code null} for anything else. */
	private static @Nullable Event<?> followedEvent(ConsumerRecord<String, byte[]> record, Set<String> followed) {
		String type = header(record, CloudEventHeaders.TYPE);
		if (type == null || !followed.contains(type)) {
			return null;
		}
		try {
			return EventCodec.decode((name) -> {
				Header header = record.headers().lastHeader(name);
				return (header != null) ? header.value() : null;
			}, record.key(), record.value());
		}
		catch (EventFormatException ex) {
			return null;
		}
	}

	private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((e) -> consumer.position(e.getKey()) >= e.getValue());
	}

	private static @Nullable String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

}
