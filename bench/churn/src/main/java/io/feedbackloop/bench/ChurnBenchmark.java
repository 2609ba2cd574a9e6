package io.feedbackloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
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
import org.bson.Document;

import static io.feedbackloop.bench.BenchProcesses.freePort;
import static io.feedbackloop.bench.BenchProcesses.log;


/**
 * The churn-analyzer benchmark (run by {@code bench/churn/run}): Kafka and the MongoDB-wire server
 * (platform-local's jar) and churn-analyzer (its own jar) on free ports; {@code --events} events of a
 * complaint's life written to the topics (per complaint: feedback.received, feedback.classified,
 * complaint.routed, complaint.status-changed to closed, and for every third an SLA breach); the rate
 * at which churn-analyzer applies them to profiles, from its own counter, against a raw loop of
 * single-document upserts on the same MongoDB in the same run; then the time to rebuild every
 * collection from the topics. The last line is one JSON object.
 */
public final class ChurnBenchmark {

	private static final String FEEDBACK_INTAKE = "feedback.intake";

	private static final String COMPLAINT_CASES = "complaint.cases";

	private final long events;

	private final int customers;

	private final Duration rawDuration;

	private final String mongoBackend;

	private final Duration maxWait;

	private final BenchProcesses processes;

	private final HttpClient http = HttpClient.newHttpClient();

	private ChurnBenchmark(Path root, long events, int customers, Duration rawDuration, String mongoBackend,
			Duration maxWait) {
		this.processes = new BenchProcesses(root);
		this.events = events;
		this.customers = customers;
		this.rawDuration = rawDuration;
		this.mongoBackend = mongoBackend;
		this.maxWait = maxWait;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchProcesses.options(args);
		ChurnBenchmark benchmark = new ChurnBenchmark(Path.of(options.getOrDefault("root", ".")).toAbsolutePath(),
				Long.parseLong(options.getOrDefault("events", "1000000")),
				Integer.parseInt(options.getOrDefault("customers", "100000")),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("raw-seconds", "15"))),
				options.getOrDefault("mongo-backend", "memory"),
				Duration.ofMinutes(Long.parseLong(options.getOrDefault("max-minutes", "90"))));
		Runtime.getRuntime().addShutdownHook(new Thread(benchmark.processes::stopAll));
		try {
			benchmark.execute();
		}
		finally {
			benchmark.processes.stopAll();
		}
		System.exit(0);
	}

	private void execute() throws Exception {
		Path data = Files.createTempDirectory("bench-churn-");
		BenchProcesses.Infrastructure infra = this.processes.startInfrastructure(data, "1g", this.mongoBackend);
		String bootstrap = infra.bootstrap();
		String mongoUri = infra.mongoUri();
		int port = freePort();
		log("starting churn-analyzer on %d", port);
		Process analyzer = this.processes.start(data.resolve("churn-analyzer.log"),
				Map.of("PORT", String.valueOf(port), "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "MONGODB_URI", mongoUri),
				"-Xmx768m", "-jar", this.processes.jar("churn-analyzer").toString());
		String base = "http://127.0.0.1:" + port;
		awaitHealthy(base, analyzer, Duration.ofSeconds(240));

		long produced = produce(bootstrap);
		log("wrote %d events; waiting for churn-analyzer to apply them", produced);
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
			if (applied >= produced) {
				last = now;
				break;
			}
			TimeUnit.SECONDS.sleep(1);
		}
		if (first == null) {
			throw new IllegalStateException("churn-analyzer applied nothing; see " + data.resolve("churn-analyzer.log"));
		}
		boolean complete = last != null;
		Instant end = complete ? last : Instant.now();
		double seconds = Math.max(0.001, Duration.between(first, end).toMillis() / 1000.0);
		double updateRate = applied / seconds;
		log("profile updates: %.0f events in %.1f s = %.0f/s%s", applied, seconds, updateRate,
				complete ? "" : " (incomplete: max-minutes reached)");

		double rawRate = rawUpserts(mongoUri);
		log("raw single-document upserts: %.0f/s", rawRate);

		log("rebuilding every collection from the topics");
		long started = System.nanoTime();
		HttpResponse<String> rebuilt = this.http.send(
				HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/rebuild"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.timeout(this.maxWait)
					.build(),
				HttpResponse.BodyHandlers.ofString());
		double rebuildSeconds = (System.nanoTime() - started) / 1e9;
		if (rebuilt.statusCode() != 200) {
			throw new IllegalStateException("rebuild answered " + rebuilt.statusCode() + ": " + rebuilt.body());
		}
		long rebuildEvents = Long.parseLong(rebuilt.body().replaceAll(".*\"events\":(\\d+).*", "$1"));
		log("rebuild: %s in %.1f s", rebuilt.body(), rebuildSeconds);

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("events", produced);
		result.put("customers", this.customers);
		result.put("profile_updates_per_s", Math.round(updateRate));
		result.put("profile_updates_complete", complete);
		result.put("raw_upserts_per_s", Math.round(rawRate));
		result.put("ratio", Math.round(updateRate / rawRate * 1000) / 1000.0);
		result.put("rebuild_events", rebuildEvents);
		result.put("rebuild_seconds", Math.round(rebuildSeconds * 10) / 10.0);
		result.put("rebuild_events_per_s", Math.round(rebuildEvents / rebuildSeconds));
		result.put("rebuild_seconds_per_million_extrapolated",
				Math.round(1_000_000.0 / (rebuildEvents / rebuildSeconds) * 10) / 10.0);
		result.put("mongo_backend", this.mongoBackend);
		result.put("cpus", Runtime.getRuntime().availableProcessors());
		System.out.println(toJson(result));
	}

	/** Writes the events, as complaint-router and feedback-ingest would, keyed by customer. */
	private long produce(String bootstrap) throws Exception {
		long written = 0;
		Instant t0 = Instant.parse("2026-11-01T08:00:00Z");
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrap, ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 20,
				ProducerConfig.BATCH_SIZE_CONFIG, 262144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
				new StringSerializer(), new ByteArraySerializer())) {
			long complaint = 0;
			while (written < this.events) {
				String customer = "bench-" + (complaint % this.customers);
				String feedbackId = "fb-bench-" + complaint;
				String caseId = "C-BENCH-" + complaint;
				Instant at = t0.plusSeconds(complaint);
				List<String[]> lifecycle = new ArrayList<>();
				lifecycle.add(new String[] { FEEDBACK_INTAKE, "feedback.received.v1", feedbackId, """
						{"feedbackId":"%s","channel":"sms","channelRecordId":"sms-%d","customerId":"%s",
						"contact":{"name":"王女士","phone":"+8613800138000"},"occurredAt":"%s","receivedAt":"%s",
						"text":"这个月话费乱扣了50元，再这样我就携号转网","language":"zh"}""".formatted(feedbackId, complaint,
						customer, at, at) });
				lifecycle.add(new String[] { COMPLAINT_CASES, "feedback.classified.v1", feedbackId, """
						{"feedbackId":"%s","customerId":"%s","channel":"sms","kind":"complaint","category":"billing",
						"confidence":0.9,"sentiment":"negative","language":"zh","classifierVersion":"bench",
						"caseId":"%s","classifiedAt":"%s"}""".formatted(feedbackId, customer, caseId, at) });
				lifecycle.add(new String[] { COMPLAINT_CASES, "complaint.routed.v1", caseId, """
						{"caseId":"%s","feedbackId":"%s","customerId":"%s","channel":"sms",
						"contact":{"name":"王女士","phone":"+8613800138000"},"language":"zh","category":"billing",
						"department":"billing","receivedAt":"%s","firstResponseDueAt":"%s","routedAt":"%s"}"""
					.formatted(caseId, feedbackId, customer, at, at.plusSeconds(86400), at) });
				if (complaint % 3 == 0) {
					lifecycle.add(new String[] { COMPLAINT_CASES, "complaint.sla.breached.v1", caseId, """
							{"caseId":"%s","customerId":"%s","department":"billing","category":"billing",
							"customerTier":"gold","timer":"first-response","policyId":"bench","cycle":0,"dueAt":"%s",
							"firedAt":"%s","latenessMs":10}""".formatted(caseId, customer, at.plusSeconds(86400),
							at.plusSeconds(86400)) });
				}
				lifecycle.add(new String[] { COMPLAINT_CASES, "complaint.status-changed.v1", caseId, """
						{"caseId":"%s","customerId":"%s","fromStatus":"assigned","toStatus":"closed","actorId":"agent-1",
						"actorRole":"agent","version":5,"changedAt":"%s"}""".formatted(caseId, customer,
						at.plusSeconds(7200)) });
				for (String[] event : lifecycle) {
					if (written >= this.events) {
						break;
					}
					ProducerRecord<String, byte[]> record = new ProducerRecord<>(event[0], customer,
							event[3].replace("\n", "").getBytes(StandardCharsets.UTF_8));
					record.headers()
						.add("ce_specversion", bytes("1.0"))
						.add("ce_id", bytes(event[1] + ":" + event[2] + ":" + written))
						.add("ce_source", bytes("/bench"))
						.add("ce_type", bytes(event[1]))
						.add("ce_time", bytes(at.toString()))
						.add("ce_subject", bytes(event[2]))
						.add("content-type", bytes("application/json"));
					producer.send(record);
					written++;
				}
				complaint++;
			}
			producer.flush();
		}
		return written;
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

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
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
