package io.feedbackloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import org.bson.Document;

import static java.nio.charset.StandardCharsets.UTF_8;
import static io.feedbackloop.bench.BenchProcesses.freePort;
import static io.feedbackloop.bench.BenchProcesses.log;


/**
 * The churn-analyzer benchmark (run by {@code bench/churn/run}): Kafka and the MongoDB-wire server
 * (platform-local's jar) and churn-analyzer (its own jar) on free ports. First the live path:
 * {@code --live-events} events of customers' stories ({@link CustomerStories}, the real contracts)
 * written to the topics, the rate at which churn-analyzer's consumers apply them to profiles (its own
 * counter) against a raw loop of single-document upserts on the same MongoDB in the same run. Then the
 * rebuild: churn-analyzer stopped, {@code --events} more events of the same stories written straight to
 * the topics with a fast producer, churn-analyzer started again with its consumers not started, and
 * {@code POST /api/v1/admin/rebuild} timed over everything on the topics. The last line is one JSON
 * object.
 */
public final class ChurnBenchmark {

	private static final List<String> BINDINGS = List.of("feedbackEvents-in-0", "caseEvents-in-0", "signalEvents-in-0");

	private final long events;

	private final long liveEvents;

	private final int customers;

	private final Duration rawDuration;

	private final String mongoBackend;

	private final Duration maxWait;

	private final BenchProcesses processes;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * The rebuild is for supervisors: churn-analyzer is started with one user, {@code bench}, whose
	 * key (new each run) is given to it as a SHA-256 hash on the command line.
	 */
	private final String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

	private ChurnBenchmark(Path root, long events, long liveEvents, int customers, Duration rawDuration,
			String mongoBackend, Duration maxWait) {
		this.processes = new BenchProcesses(root);
		this.events = events;
		this.liveEvents = liveEvents;
		this.customers = customers;
		this.rawDuration = rawDuration;
		this.mongoBackend = mongoBackend;
		this.maxWait = maxWait;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchProcesses.options(args);
		ChurnBenchmark benchmark = new ChurnBenchmark(Path.of(options.getOrDefault("root", ".")).toAbsolutePath(),
				Long.parseLong(options.getOrDefault("events", "1000000")),
				Long.parseLong(options.getOrDefault("live-events", "10000")),
				Integer.parseInt(options.getOrDefault("customers", "100000")),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("raw-seconds", "15"))),
				options.getOrDefault("mongo-backend", "memory"),
				Duration.ofMinutes(Long.parseLong(options.getOrDefault("max-minutes", "90"))));
		BenchProcesses.runAndExit(benchmark::execute, benchmark.processes::stopAll);
	}

	private void execute() throws Exception {
		Path data = Files.createTempDirectory("bench-churn-");
		// the memory backend holds every profile (live and rebuilt) in this heap
		BenchProcesses.Infrastructure infra = this.processes.startInfrastructure(data, "4g", this.mongoBackend);
		String bootstrap = infra.bootstrap();
		String mongoUri = infra.mongoUri();
		CustomerStories stories = new CustomerStories(this.customers);

		// 1. The live path against raw upserts, at a modest size.
		int port = freePort();
		Process analyzer = startAnalyzer(data.resolve("churn-analyzer-live.log"), infra, port, true);
		String base = "http://127.0.0.1:" + port;
		awaitHealthy(base, analyzer, Duration.ofSeconds(240));
		produce(bootstrap, stories, this.liveEvents);
		log("wrote %d events; waiting for churn-analyzer's consumers to apply them", this.liveEvents);
		Instant first = null;
		Instant last = null;
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		double applied = 0;
		while (System.nanoTime() < deadline) {
			applied = applied(base);
			Instant now = Instant.now();
			if (applied > 0 && first == null) {
				first = now;
			}
			if (applied >= this.liveEvents) {
				last = now;
				break;
			}
			TimeUnit.SECONDS.sleep(1);
		}
		if (first == null) {
			throw new IllegalStateException("churn-analyzer applied nothing; see " + data.resolve("churn-analyzer-live.log"));
		}
		boolean complete = last != null;
		Instant end = complete ? last : Instant.now();
		double seconds = Math.max(0.001, Duration.between(first, end).toMillis() / 1000.0);
		double updateRate = applied / seconds;
		log("profile updates: %.0f events in %.1f s = %.0f/s%s", applied, seconds, updateRate,
				complete ? "" : " (incomplete: max-minutes reached)");
		double rawRate = rawUpserts(mongoUri);
		log("raw single-document upserts: %.0f/s", rawRate);
		stop(analyzer);

		// 2. The rebuild: the events written straight to the topics, the consumers not started.
		long produceStarted = System.nanoTime();
		produce(bootstrap, stories, this.events);
		double produceSeconds = (System.nanoTime() - produceStarted) / 1e9;
		log("wrote %d more events straight to the topics in %.1f s", this.events, produceSeconds);
		port = freePort();
		analyzer = startAnalyzer(data.resolve("churn-analyzer-rebuild.log"), infra, port, false);
		base = "http://127.0.0.1:" + port;
		awaitHealthy(base, analyzer, Duration.ofSeconds(240));
		log("rebuilding every collection from the topics (%d events)", this.liveEvents + this.events);
		long started = System.nanoTime();
		HttpResponse<String> rebuilt = this.http.send(
				HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/rebuild"))
					.header("X-API-Key", this.apiKey)
					.POST(HttpRequest.BodyPublishers.noBody())
					.timeout(this.maxWait)
					.build(),
				HttpResponse.BodyHandlers.ofString());
		double rebuildSeconds = (System.nanoTime() - started) / 1e9;
		if (rebuilt.statusCode() != 200) {
			throw new IllegalStateException("rebuild answered " + rebuilt.statusCode() + ": " + rebuilt.body());
		}
		long rebuildEvents = number(rebuilt.body(), "events");
		long rebuildApplied = number(rebuilt.body(), "applied");
		String suffix = rebuilt.body().replaceAll(".*\"suffix\":\"([^\"]*)\".*", "$1");
		log("rebuild: %s in %.1f s", rebuilt.body(), rebuildSeconds);
		try (var lines = Files.lines(data.resolve("churn-analyzer-rebuild.log"))) {
			lines.filter((line) -> line.contains("Rebuilt [")).forEach((line) -> log("%s", line.strip()));
		}
		long profiles;
		try (MongoClient client = MongoClients.create(mongoUri)) {
			profiles = client.getDatabase("churn_analyzer").getCollection("customer_profiles_" + suffix).countDocuments();
		}
		double appliedLive = applied(base);

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("live_events", this.liveEvents);
		result.put("profile_updates_per_s", Math.round(updateRate));
		result.put("profile_updates_complete", complete);
		result.put("raw_upserts_per_s", Math.round(rawRate));
		result.put("ratio", Math.round(updateRate / rawRate * 1000) / 1000.0);
		result.put("events_written_straight", this.events);
		result.put("write_events_per_s", Math.round(this.events / produceSeconds));
		result.put("customers", this.customers);
		result.put("rebuild_events", rebuildEvents);
		result.put("rebuild_applied", rebuildApplied);
		result.put("rebuilt_profiles", profiles);
		result.put("rebuild_seconds", Math.round(rebuildSeconds * 10) / 10.0);
		result.put("rebuild_events_per_s", Math.round(rebuildEvents / rebuildSeconds));
		result.put("consumers_applied_meanwhile", Math.round(appliedLive));
		result.put("mongo_backend", this.mongoBackend);
		result.put("cpus", Runtime.getRuntime().availableProcessors());
		System.out.println(toJson(result));
	}

	/** churn-analyzer from its jar; {@code consumers} false: its input bindings are not started. */
	private Process startAnalyzer(Path log, BenchProcesses.Infrastructure infra, int port, boolean consumers)
			throws IOException, GeneralSecurityException {
		log("starting churn-analyzer on %d%s", port, consumers ? "" : " (consumers not started)");
		List<String> args = new ArrayList<>(List.of("-Xmx1536m", "-jar", this.processes.jar("churn-analyzer").toString(),
				"--feedbackloop.security.users[0].name=bench",
				"--feedbackloop.security.users[0].api-key-sha256="
						+ HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(this.apiKey.getBytes(UTF_8))),
				"--feedbackloop.security.users[0].roles=supervisor"));
		if (!consumers) {
			BINDINGS.forEach((binding) -> args
				.add("--spring.cloud.stream.bindings." + binding + ".consumer.auto-startup=false"));
		}
		return this.processes.start(log, Map.of("PORT", String.valueOf(port), "KAFKA_BOOTSTRAP_SERVERS",
				infra.bootstrap(), "MONGODB_URI", infra.mongoUri()), args.toArray(String[]::new));
	}

	private static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

	private static long number(String json, String field) {
		return Long.parseLong(json.replaceAll(".*\"" + field + "\":(\\d+).*", "$1"));
	}

	/** Writes the next {@code count} events of the stories to their topics, keyed by customer as their writers do. */
	private static void produce(String bootstrap, CustomerStories stories, long count) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrap, ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 20,
				ProducerConfig.BATCH_SIZE_CONFIG, 262144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
				ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024), new StringSerializer(),
				new ByteArraySerializer())) {
			for (long i = 0; i < count; i++) {
				CustomerStories.Written written = stories.next();
				Event<?> event = written.event();
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(written.topic().name(), event.key(),
						EventCodec.encode(event.data()));
				event.envelope().toHeaders().forEach((name, value) -> record.headers().add(name, value));
				producer.send(record);
			}
			producer.flush();
		}
	}

	private double rawUpserts(String mongoUri) {
		try (MongoClient client = MongoClients.create(mongoUri)) {
			MongoCollection<Document> raw = client.getDatabase("bench_raw").getCollection("upserts");
			long count = 0;
			long deadline = System.nanoTime() + this.rawDuration.toNanos();
			long started = System.nanoTime();
			while (System.nanoTime() < deadline) {
				raw.updateOne(Filters.eq("_id", "bench-" + (count % this.customers)),
						Updates.combine(Updates.inc("n", 1), Updates.set("at", new Date())),
						new UpdateOptions().upsert(true));
				count++;
			}
			return count / ((System.nanoTime() - started) / 1e9);
		}
	}

	private double applied(String base) throws Exception {
		String metrics = this.http
			.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		double sum = 0;
		for (String line : metrics.split("\n")) {
			if (line.startsWith("feedbackloop_churn_events_applied_total{")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	private void awaitHealthy(String base, Process process, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> health = this.http.send(
						HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("churn-analyzer exited during start-up");
			}
			TimeUnit.MILLISECONDS.sleep(500);
		}
		throw new IllegalStateException("churn-analyzer did not become healthy");
	}

	private static String toJson(Map<String, Object> values) {
		StringBuilder json = new StringBuilder("{");
		values.forEach((key, value) -> {
			if (json.length() > 1) {
				json.append(", ");
			}
			json.append('"').append(key).append("\": ");
			json.append((value instanceof String) ? "\"" + value + "\"" : String.valueOf(value));
		});
		return json.append('}').toString();
	}

}
