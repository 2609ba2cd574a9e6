package io.feedbackloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;


import static io.feedbackloop.bench.BenchProcesses.freePort;
import static io.feedbackloop.bench.BenchProcesses.log;
/**
 * The ingest benchmark: starts the local infrastructure (Kafka in KRaft mode and the MongoDB-wire
 * server, from platform-local's jar) and feedback-ingest (its own jar) on free ports, drives
 * {@code POST /api/v1/feedback} over real HTTP, and in the same run measures Kafka's own
 * ProducerPerformance (kafka-producer-perf-test) against the same broker with the same record size and
 * acks=all. The last line printed is one JSON object.
 *
 * <p>Phases: warm-up; maximum throughput (closed loop, {@code --concurrency} requests in flight); p99
 * latency at half of that rate (open loop: requests are sent on a fixed schedule and their latency is
 * counted from the scheduled time, so a stall is not hidden); the batch endpoint (closed loop, 100
 * records a request); the raw producer.
 */
public final class IngestBenchmark {

	static final String KEY = "bench-key-0c6f2b8e9d4a7135f0e2c4b6";

	private final Duration phase;

	private final Duration warmUp;

	private final int concurrency;

	private final String mongoBackend;

	private final BenchProcesses processes;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newFixedThreadPool(4))
		.build();

	private final AtomicLong sequence = new AtomicLong();

	private final String run = Long.toString(System.currentTimeMillis(), 36);

	private final Path jfr; // null: no flight recording

	private String ingestUrl = "";

	private IngestBenchmark(Path root, Duration phase, Duration warmUp, int concurrency, String mongoBackend,
			Path jfr) {
		this.processes = new BenchProcesses(root);
		this.phase = phase;
		this.warmUp = warmUp;
		this.concurrency = concurrency;
		this.mongoBackend = mongoBackend;
		this.jfr = jfr;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchProcesses.options(args);
		IngestBenchmark benchmark = new IngestBenchmark(Path.of(options.getOrDefault("root", ".")).toAbsolutePath(),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20"))),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up-seconds", "120"))),
				Integer.parseInt(options.getOrDefault("concurrency", "64")),
				options.getOrDefault("mongo-backend", "memory"),
				options.containsKey("jfr") ? Path.of(options.get("jfr")).toAbsolutePath() : null);
		BenchProcesses.runAndExit(benchmark::execute, benchmark.processes::stopAll);
	}

	private void execute() throws Exception {
		Path data = Files.createTempDirectory("bench-ingest-");
		BenchProcesses.Infrastructure infrastructure = this.processes.startInfrastructure(data, "1g", this.mongoBackend);
		Process infra = infrastructure.process();
		String bootstrap = infrastructure.bootstrap();
		String mongoUri = infrastructure.mongoUri();
		int ingestPort = freePort();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			// The raw producer's topic: as many partitions as feedback.intake, one replica like it.
			admin.createTopics(List.of(new NewTopic("bench.raw", 6, (short) 1))).all().get();
		}
		log("starting feedback-ingest on %d", ingestPort);
		// The benchmark registers its own client, as an operator would (only the key's SHA-256).
		String client = "--feedbackloop.ingest.security.clients.bench.";
		List<String> ingest = new ArrayList<>(List.of("-Xmx512m"));
		if (this.jfr != null) {
			// A flight recording of the service over the whole run (--jfr FILE), to see where its time goes.
			ingest.add("-XX:StartFlightRecording=settings=profile,filename=" + this.jfr);
		}
		ingest.addAll(List.of("-jar", this.processes.jar("feedback-ingest").toString(), client + "channels=phone,sms,web,app",
				client + "key-sha256=" + sha256(KEY), client + "permits-per-second=1000000", client + "burst=1000000"));
		Process service = this.processes.start(data.resolve("feedback-ingest.log"),
				Map.of("PORT", String.valueOf(ingestPort), "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "MONGODB_URI",
						mongoUri, "FEEDBACKLOOP_PSEUDONYM_KEY", "bench-" + UUID.randomUUID()),
				ingest.toArray(String[]::new));
		this.ingestUrl = "http://127.0.0.1:" + ingestPort;
		awaitHealthy(Duration.ofSeconds(180));

		// Two minutes by default: with the 64 request threads keeping both cores busy the JIT compilers get
		// little CPU, and the service keeps getting cheaper for minutes (CPU per record 10.3 ms measured
		// after a 20 s warm-up, 6.4 ms after 60 s, 3.7 ms averaged over the minute after that).
		log("warm-up (%d s)", this.warmUp.toSeconds());
		closedLoop(this.warmUp, this.concurrency, 1);
		log("maximum throughput, closed loop, %d in flight (%d s)", this.concurrency, this.phase.toSeconds());
		long serviceCpu = cpuNanos(service);
		long infraCpu = cpuNanos(infra);
		long clientCpu = cpuNanos(ProcessHandle.current());
		Map<String, Long> serviceThreads = threadCpu(service.pid());
		Map<String, Long> infraThreads = threadCpu(infra.pid());
		Result max = closedLoop(this.phase, this.concurrency, 1);
		Map<String, Double> serviceByKind = perRecord(serviceThreads, threadCpu(service.pid()), max.records());
		Map<String, Double> infraByKind = perRecord(infraThreads, threadCpu(infra.pid()), max.records());
		log("  CPU ms per record by thread kind: service %s, Kafka and MongoDB %s", serviceByKind, infraByKind);
		double jitMs = serviceByKind.getOrDefault("jit", 0d) + infraByKind.getOrDefault("jit", 0d);
		// CPU time per record: what the service, Kafka and MongoDB (the infrastructure process) spent, and
		// the benchmark's own HTTP client; robust against other load on the machine, unlike records/s.
		double ingestCpuMs = (cpuNanos(service) - serviceCpu + cpuNanos(infra) - infraCpu) / 1e6 / max.records();
		double clientCpuMs = (cpuNanos(ProcessHandle.current()) - clientCpu) / 1e6 / max.records();
		double load = loadAverage();
		log("  CPU per record: %.2f ms in the service, Kafka and MongoDB, %.2f ms in the benchmark's client",
				ingestCpuMs, clientCpuMs);
		double ingestRps = max.recordsPerSecond();
		log("  %.0f records/s, p50 %.1f ms, p99 %.1f ms, %d errors", ingestRps, max.percentile(50), max.percentile(99),
				max.errors());
		double halfRate = ingestRps / 2;
		log("half load, open loop at %.0f requests/s (%d s)", halfRate, this.phase.toSeconds());
		String before = serviceMetrics();
		Result half = openLoop(this.phase, halfRate);
		log("  %.0f records/s, p50 %.1f ms, p99 %.1f ms, %d errors", half.recordsPerSecond(), half.percentile(50),
				half.percentile(99), half.errors());
		log("  inside the service at half load, means: %s", insideTheService(before, serviceMetrics()));
		log("batch endpoint, 100 records a request, closed loop, 8 in flight (%d s)", this.phase.toSeconds());
		Result batch = closedLoop(this.phase, 8, 100);
		log("  %.0f records/s, p99 %.1f ms per batch, %d errors", batch.recordsPerSecond(), batch.percentile(99),
				batch.errors());

		int recordSize = eventSize(bootstrap);
		long rawRecords = Math.max(200_000, (long) (ingestRps * 10));
		log("raw producer: kafka-producer-perf-test, %d records of %d bytes, acks=all", rawRecords, recordSize);
		long rawInfraCpu = cpuNanos(infra);
		double[] raw = producerPerformance(bootstrap, rawRecords, recordSize, data);
		double rawRps = raw[0];
		double rawCpuMs = (raw[1] + cpuNanos(infra) - rawInfraCpu) / 1e6 / rawRecords;
		log("  CPU per record: %.3f ms in the producer and Kafka", rawCpuMs);
		log("  %.0f records/s", rawRps);

		Map<String, Object> json = new LinkedHashMap<>();
		json.put("ingest_rps", round(ingestRps));
		json.put("raw_producer_rps", round(rawRps));
		json.put("ratio", round3(ingestRps / rawRps));
		json.put("p99_ms_at_half_load", round1(half.percentile(99)));
		json.put("p50_ms_at_half_load", round1(half.percentile(50)));
		json.put("half_load_rps", round(half.recordsPerSecond()));
		json.put("p99_ms_at_max", round1(max.percentile(99)));
		json.put("batch_records_per_s", round(batch.recordsPerSecond()));
		json.put("batch_ratio", round3(batch.recordsPerSecond() / rawRps));
		json.put("ingest_cpu_ms_per_record", round3(ingestCpuMs));
		json.put("ingest_cpu_ms_per_record_without_jit", round3(ingestCpuMs - jitMs));
		json.put("client_cpu_ms_per_record", round3(clientCpuMs));
		json.put("raw_cpu_ms_per_record", round3(rawCpuMs));
		json.put("cpu_ratio", round3(rawCpuMs / ingestCpuMs));
		json.put("load_average_at_max", round1(load));
		json.put("record_bytes", recordSize);
		json.put("errors", max.errors() + half.errors() + batch.errors());
		json.put("concurrency", this.concurrency);
		json.put("phase_seconds", this.phase.toSeconds());
		json.put("warm_up_seconds", this.warmUp.toSeconds());
		json.put("cores", Runtime.getRuntime().availableProcessors());
		json.put("mongo_backend", "\"" + this.mongoBackend + "\"");
		json.put("ratio_target_met", ingestRps / rawRps >= 0.35);
		json.put("p99_target_met", half.percentile(99) <= 50);
		System.out.println(toJson(json));
		System.out.flush();
	}

	private String serviceMetrics() throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.ingestUrl + "/actuator/prometheus"))
			.header("Accept", "text/plain")
			.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	/**
	 * Where the time of a request went between two scrapes of the service's own meters: the whole
	 * request against its waits for the MongoDB claim, Kafka's acknowledgement and the MongoDB writes
	 * after it (the rest is HTTP, validation and queueing for a core).
	 */
	private static String insideTheService(String before, String after) {
		return String.format(Locale.ROOT, "request %.1f ms = claim wait %.1f + Kafka ack wait %.1f + record wait %.1f + the rest",
				mean(before, after, "feedbackloop_ingest_requests_seconds", "endpoint=\"single\""),
				mean(before, after, "feedbackloop_ingest_store_seconds", "step=\"claim\""),
				mean(before, after, "feedbackloop_ingest_latency_seconds", "outcome=\"acked\""),
				mean(before, after, "feedbackloop_ingest_store_seconds", "step=\"record\""));
	}

	/** The mean in milliseconds of the observations between the two scrapes. */
	private static double mean(String before, String after, String name, String tag) {
		double count = total(after, name + "_count{", tag) - total(before, name + "_count{", tag);
		double sum = total(after, name + "_sum{", tag) - total(before, name + "_sum{", tag);
		return (count > 0) ? sum / count * 1000 : Double.NaN;
	}

	private static double total(String metrics, String prefix, String tag) {
		double total = 0;
		for (String line : metrics.split("\n")) {
			if (line.startsWith(prefix) && line.contains(tag)) {
				total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return total;
	}

	/** Every request in flight is followed by the next as soon as it is answered. */
	private Result closedLoop(Duration duration, int inFlight, int recordsPerRequest) throws InterruptedException {
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicLong records = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		long end = System.nanoTime() + duration.toNanos();
		ExecutorService workers = Executors.newFixedThreadPool(inFlight);
		long start = System.nanoTime();
		for (int i = 0; i < inFlight; i++) {
			workers.execute(() -> {
				while (System.nanoTime() < end) {
					long sent = System.nanoTime();
					try {
						HttpResponse<String> response = this.http.send(request(recordsPerRequest),
								HttpResponse.BodyHandlers.ofString());
						if (response.statusCode() == 202 || response.statusCode() == 200) {
							records.addAndGet(recordsPerRequest);
						}
						else {
							errors.incrementAndGet();
						}
					}
					catch (IOException ex) {
						errors.incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					latencies.add(System.nanoTime() - sent);
				}
			});
		}
		workers.shutdown();
		workers.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
		return new Result(records.get(), errors.get(), System.nanoTime() - start, new ArrayList<>(latencies));
	}

	/** Requests leave on a fixed schedule whatever the answers do; latency counts from the schedule. */
	private Result openLoop(Duration duration, double rate) throws Exception {
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicLong records = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<CompletableFuture<?>> pending = new ArrayList<>();
		long intervalNanos = (long) (1_000_000_000d / rate);
		long start = System.nanoTime();
		long count = (long) (rate * duration.toSeconds());
		for (long i = 0; i < count; i++) {
			long scheduled = start + i * intervalNanos;
			long wait = scheduled - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			pending.add(this.http.sendAsync(request(1), HttpResponse.BodyHandlers.ofString()).handle((response, ex) -> {
				latencies.add(System.nanoTime() - scheduled);
				if (ex == null && (response.statusCode() == 202 || response.statusCode() == 200)) {
					records.incrementAndGet();
				}
				else {
					errors.incrementAndGet();
				}
				return null;
			}));
		}
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		return new Result(records.get(), errors.get(), System.nanoTime() - start, new ArrayList<>(latencies));
	}

	private HttpRequest request(int records) {
		String body;
		String path;
		if (records == 1) {
			body = record();
			path = "/api/v1/feedback";
		}
		else {
			StringBuilder batch = new StringBuilder("{\"records\":[");
			for (int i = 0; i < records; i++) {
				batch.append((i > 0) ? "," : "").append(record());
			}
			body = batch.append("]}").toString();
			path = "/api/v1/feedback/batch";
		}
		return HttpRequest.newBuilder(URI.create(this.ingestUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
	}

	/** A realistic SMS complaint; each one a new record for one of 10,000 customers. */
	private String record() {
		long n = this.sequence.incrementAndGet();
		return """
				{"channel":"sms","channelRecordId":"SMS-%s-%d","customer":{"id":"CUST-%05d","name":"王女士",\
				"phone":"+8613800138000"},"occurredAt":"%s","text":"我要投诉，家里的5G信号太差，打电话一直掉线，一个星期了\
				还没人处理。请尽快派人来检查。","sms":{"senderNumber":"13800138000","gatewayMessageId":"gw-%s-%d"}}"""
			.formatted(this.run, n, n % 10_000, Instant.now().minusSeconds(60), this.run, n);
	}

	/** The size of one feedback.received.v1 value as ingest wrote it: the raw producer sends the same. */
	private static int eventSize(String bootstrap) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition("feedback.intake", 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			for (int i = 0; i < 50; i++) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					return record.value().length;
				}
			}
		}
		throw new IllegalStateException("no feedback.received.v1 record found on feedback.intake");
	}

	/** Records per second, and the producer process's CPU time in nanoseconds. */
	private double[] producerPerformance(String bootstrap, long records, int size, Path data) throws Exception {
		Path log = data.resolve("producer-performance.log");
		Process perf = this.processes.start(log, Map.of(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				"org.apache.kafka.tools.ProducerPerformance", "--topic", "bench.raw", "--num-records",
				String.valueOf(records), "--record-size", String.valueOf(size), "--throughput", "-1",
				"--producer-props", "bootstrap.servers=" + bootstrap, "acks=all");
		// Its CPU time can only be read while it runs: the last reading before it exits.
		long perfCpu = 0;
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (perf.isAlive() && System.nanoTime() < deadline) {
			perfCpu = Math.max(perfCpu, cpuNanos(perf.toHandle()));
			perf.waitFor(50, TimeUnit.MILLISECONDS);
		}
		if (perf.isAlive() || perf.exitValue() != 0) {
			throw new IllegalStateException("ProducerPerformance failed; see " + log);
		}
		// The summary line: "N records sent, X records/sec (Y MB/sec), ..."
		Pattern summary = Pattern.compile("^(\\d+) records sent, ([0-9.]+) records/sec.*50th");
		double rps = -1;
		for (String line : Files.readAllLines(log)) {
			Matcher matcher = summary.matcher(line);
			if (matcher.find()) {
				rps = Double.parseDouble(matcher.group(2));
			}
		}
		if (rps < 0) {
			throw new IllegalStateException("no summary in " + log);
		}
		return new double[] { rps, perfCpu };
	}

	/**
	 * CPU time of a process's live threads by kind (JIT compilers, garbage collector, HTTP request
	 * threads, the rest), from /proc/PID/task/TID/stat (Linux; empty elsewhere).
	 */
	private static Map<String, Long> threadCpu(long pid) {
		Map<String, Long> byThread = new LinkedHashMap<>();
		Path tasks = Path.of("/proc", Long.toString(pid), "task");
		try (java.nio.file.DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
			for (Path thread : threads) {
				try {
					String stat = Files.readString(thread.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					// utime and stime (fields 14 and 15 of stat) in clock ticks of 10 ms
					long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					byThread.put(thread.getFileName() + " " + threadKind(name), ticks * 10_000_000L);
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			return Map.of();
		}
		return byThread;
	}

	private static String threadKind(String name) {
		if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
			return "jit";
		}
		if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
			return "gc";
		}
		if (name.startsWith("http-nio")) {
			return "http";
		}
		return "other";
	}

	/** Milliseconds per record by thread kind between two readings (threads that ended are lost). */
	private static Map<String, Double> perRecord(Map<String, Long> before, Map<String, Long> after, long records) {
		Map<String, Double> byKind = new java.util.TreeMap<>();
		after.forEach((thread, nanos) -> byKind.merge(thread.substring(thread.indexOf(' ') + 1),
				(nanos - before.getOrDefault(thread, 0L)) / 1e6 / Math.max(1, records), Double::sum));
		byKind.replaceAll((kind, ms) -> round3(ms));
		return byKind;
	}

	private static long cpuNanos(Process process) {
		return cpuNanos(process.toHandle());
	}

	private static long cpuNanos(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	/** The machine's 1-minute load average (other work competing for the cores). */
	private static double loadAverage() {
		return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	private void awaitHealthy(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> health = this.http.send(
						HttpRequest.newBuilder(URI.create(this.ingestUrl + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			for (Process process : this.processes.started()) {
				if (!process.isAlive()) {
					throw new IllegalStateException("a process exited during start-up: " + process.info());
				}
			}
			TimeUnit.MILLISECONDS.sleep(500);
		}
		throw new IllegalStateException("feedback-ingest did not become healthy");
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static long round(double value) {
		return Math.round(value);
	}

	private static double round1(double value) {
		return Math.round(value * 10) / 10d;
	}

	private static double round3(double value) {
		return Math.round(value * 1000) / 1000d;
	}

	private static String toJson(Map<String, Object> values) {
		StringBuilder json = new StringBuilder("{");
		values.forEach((key, value) -> json.append((json.length() > 1) ? "," : "")
			.append('"')
			.append(key)
			.append("\":")
			.append(value));
		return json.append('}').toString();
	}

	private record Result(long records, long errors, long nanos, List<Long> latencies) {

		double recordsPerSecond() {
			return this.records / (this.nanos / 1e9);
		}

		double percentile(double p) {
			if (this.latencies.isEmpty()) {
				return Double.NaN;
			}
			List<Long> sorted = new ArrayList<>(this.latencies);
			Collections.sort(sorted);
			int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
			return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
		}

	}

}
