package io.feedbackloop.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import static io.feedbackloop.bench.BenchProcesses.freePort;
import static io.feedbackloop.bench.BenchProcesses.log;

/**
 * The SLA timer benchmark (issue 5): the real timer engine — complaint-router's own jar, a child JVM —
 * against platform-local's Kafka broker and MongoDB-wire server (in memory).
 *
 * <ol>
 * <li>complaint-router starts the timers of one case from a real {@code complaint.routed.v1}; that
 * first-response timer document is the template of every seeded one, so that policy and calendar
 * fingerprints are the service's own and nothing is recomputed.</li>
 * <li>{@code --timers} open first-response timers are written straight into {@code sla_timers}, their
 * hints into {@code sla_schedule} first (the engine's order): the 50 % and 75 % warnings done, the breach
 * (and the first escalation, 0 minutes after it) pending. {@code --due} of them fall due within
 * {@code --window-seconds} of a steady window, as many within a second, crash window; a hundredth of
 * {@code --due} a second within the {@code --warm-up-seconds} (60) of a warm-up that ends
 * {@code --warm-up-gap-seconds} (70) before the steady window (a running service's firing path is compiled
 * by the JIT; a fresh one's is not; the gap lets the fresh service work off the warm-up's backlog first, so
 * that the steady window measures a warm service, not the warm-up's tail);
 * the rest later today.</li>
 * <li>Steady window: nothing disturbs the service. Crash window: 40 % into it the service is killed with
 * {@code kill -9} and started again at once.</li>
 * <li>Every {@code complaint.sla.*} record on {@code complaint.cases} is read. Lateness = the record's
 * Kafka timestamp (set when the service sent it) minus the step's {@code scheduledAt}. Expected: one
 * breach and one escalation per due timer; lost = expected (case, timer, cycle, step) keys never seen;
 * duplicated = keys seen under more than one event id (two events a consumer could not tell apart);
 * records repeated with the same event id (which every consumer drops) are counted apart.</li>
 * </ol>
 */
public final class TimersBenchmark {

	private static final String TOPIC = "complaint.cases";

	private static final String TEMPLATE_CASE = "BENCH-TEMPLATE";

	private static final Pattern SCHEDULED_AT = Pattern.compile("\"scheduledAt\":\"([^\"]+)\"");

	/** A breach has no scheduledAt: it is scheduled at its dueAt. */
	private static final Pattern DUE_AT = Pattern.compile("\"dueAt\":\"([^\"]+)\"");

	private static final Pattern TIMER = Pattern.compile("\"timer\":\"([^\"]+)\"");

	private static final Pattern CYCLE = Pattern.compile("\"cycle\":(\\d+)");

	private static final Pattern LEVEL = Pattern.compile("\"level\":(\\d+)");

	private static final Pattern FRACTION = Pattern.compile("\"fraction\":([0-9.]+)");

	private final Path root;

	private final int timers;

	private final int due;

	private final Duration window;

	private final String infraHeap;

	private final String infraGc;

	private final String infraJava;

	/** The warm-up's timers fall due within this. */
	private final Duration warmUpLength;

	/** The warm-up's timers: a hundredth of {@code --due} per second of it (1,000/s at the default size). */
	private final int warmUp;

	/** Between the warm-up's last due instant and the steady window's start. */
	private final Duration warmUpGap;

	private final BenchProcesses processes;

	private final Map<String, Seen> seen = new ConcurrentHashMap<>();

	private volatile boolean consuming = true;

	private Path data = Path.of(".");

	private String bootstrap = "";

	private String mongoUri = "";

	private int routerStarts;

	private int routerPort;

	private TimersBenchmark(Path root, int timers, int due, Duration window, String infraHeap, String infraGc,
			String infraJava, Duration warmUpLength, Duration warmUpGap) {
		this.root = root;
		this.timers = timers;
		this.due = due;
		this.window = window;
		this.infraHeap = infraHeap;
		this.infraGc = infraGc;
		this.infraJava = infraJava;
		this.warmUpLength = warmUpLength;
		if (warmUpLength.isNegative()) {
			throw new IllegalArgumentException("--warm-up-seconds must not be negative");
		}
		this.warmUp = Math.toIntExact(due / 100L * warmUpLength.toSeconds());
		if (2L * due + this.warmUp > timers) {
			throw new IllegalArgumentException("--due " + due + " twice (steady and crash window) and " + this.warmUp
					+ " warm-up timers exceed --timers");
		}
		if (this.warmUp == 0) {
			log("no warm-up (--due %d below 100 or --warm-up-seconds 0): the steady window meets a cold service",
					due);
		}
		this.warmUpGap = warmUpGap;
		this.processes = new BenchProcesses(root);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = BenchProcesses.options(args);
		int timers = Integer.parseInt(options.getOrDefault("timers", "1000000"));
		int due = Integer.parseInt(options.getOrDefault("due", String.valueOf(Math.min(100_000, timers / 10))));
		TimersBenchmark benchmark = new TimersBenchmark(Path.of(options.getOrDefault("root", ".")).toAbsolutePath(),
				timers, due, Duration.ofSeconds(Long.parseLong(options.getOrDefault("window-seconds", "60"))),
				options.getOrDefault("infra-heap", "12g"), options.getOrDefault("infra-gc", "parallel"),
				options.getOrDefault("infra-java", BenchProcesses.ownJava()),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up-seconds", "60"))),
				Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up-gap-seconds", "70"))));
		BenchProcesses.runAndExit(benchmark::execute, benchmark::stop);
	}

	private void execute() throws Exception {
		this.data = Files.createTempDirectory("bench-timers-");
		BenchProcesses.Infrastructure infra = this.processes.startInfrastructure(this.infraJava, this.data,
				this.infraHeap, "memory", infrastructureJvmOptions());
		this.bootstrap = infra.bootstrap();
		this.mongoUri = infra.mongoUri();

		Thread consumer = new Thread(this::consume, "bench-consumer");
		consumer.setDaemon(true);
		consumer.start();

		Process router = startRouter();
		try (MongoClient client = MongoClients.create(this.mongoUri)) {
			MongoDatabase database = client.getDatabase("complaint_router");
			Document template = template(database);
			log("template timer: policy %s, steps %s", template.getString("policyId"),
					template.getList("steps", Object.class));

			// Seeding: the later timers first (the bulk), then the two windows, due soon after.
			int later = this.timers - 2 * this.due - this.warmUp;
			Instant seedStart = Instant.now();
			// Due later today: within an hour, an hour from now (the schedule's buckets are 1-second slots).
			Instant laterFrom = seedStart.plus(Duration.ofHours(1));
			seed(database, template, "BENCH-L", later, laterFrom, Duration.ofHours(1));
			double perSecond = later / Math.max(0.001, secondsSince(seedStart));
			log("  %d later timers seeded in %.1f s (%.0f/s)", later, secondsSince(seedStart), perSecond);
			// Room for seeding the warm-up and both windows and for the engine to load them ahead (every 5 s).
			long lead = Math.max(30,
					(long) Math.ceil(3L * (2L * this.due + this.warmUp) / Math.max(1, perSecond)) + 15);
			Instant warmUpStart = Instant.now().plusSeconds(lead).truncatedTo(ChronoUnit.SECONDS);
			// A warm-up first, as a running service is warm: the firing path compiled by the JIT.
			Instant steadyStart = warmUpStart.plus(this.warmUpLength).plus(this.warmUpGap);
			Instant crashStart = steadyStart.plus(this.window).plusSeconds(30);
			Instant windowsSeeded = Instant.now();
			seed(database, template, "BENCH-W", this.warmUp, warmUpStart, this.warmUpLength);
			seed(database, template, "BENCH-S", this.due, steadyStart, this.window);
			seed(database, template, "BENCH-C", this.due, crashStart, this.window);
			log("  %d warm-up timers due within %d s from %s, 2 x %d due within %d s seeded in %.1f s; steady window "
					+ "from %s, crash window from %s", this.warmUp, this.warmUpLength.toSeconds(), warmUpStart,
					this.due, this.window.toSeconds(), secondsSince(windowsSeeded), steadyStart, crashStart);
			long open = database.getCollection("sla_timers").countDocuments(Filters.eq("status", "running"));
			log("  open timers: %d", open);
			if (Instant.now().isAfter(steadyStart)) {
				log("  WARNING: seeding took longer than the lead; the steady window started before it was seeded");
			}

			// Steady window.
			Instant steadyEnd = steadyStart.plus(this.window);
			sleepUntil(steadyEnd.plusSeconds(5));
			awaitEvents("BENCH-S", 2L * this.due, Duration.ofSeconds(60));
			Stats warm = stats("BENCH-W");
			// Every warm-up event left by the warm-up's last due instant plus the largest lateness.
			boolean warmUpDrained = warm.events == 2L * this.warmUp && warm.max < this.warmUpGap.toMillis();
			log("warm-up: %d events, lateness p50 %d ms, p99 %d ms, max %d ms; %s", warm.events, warm.p50, warm.p99,
					warm.max, warmUpDrained ? "all fired before the steady window"
							: "NOT all fired before the steady window: its backlog delays the steady window's timers");
			Stats steady = stats("BENCH-S");
			log("steady window: %d events, lateness p50 %d ms, p99 %d ms, max %d ms", steady.events, steady.p50,
					steady.p99, steady.max);
			GcPauses infraGcSteady = gcPauses(this.data.resolve("infrastructure-gc.log"), steadyStart, steadyEnd);
			GcPauses routerGcSteady = gcPauses(this.data.resolve("complaint-router-1-gc.log"), steadyStart, steadyEnd);
			log("  GC pauses in the steady window: infrastructure (%s) %d, %d ms; complaint-router %d, %d ms",
					this.infraGc, infraGcSteady.count(), infraGcSteady.millis(), routerGcSteady.count(),
					routerGcSteady.millis());
			log("  inside complaint-router: %s", insideTheService());

			// Crash window: kill -9 40 % into it, start again at once.
			Instant kill = crashStart.plusMillis(this.window.toMillis() * 4 / 10);
			sleepUntil(kill);
			int firedBefore = count("BENCH-C");
			log("kill -9 complaint-router (pid %d) with %d of %d crash-window events published", router.pid(),
					firedBefore, 2 * this.due);
			new ProcessBuilder("kill", "-9", String.valueOf(router.pid())).inheritIO().start().waitFor();
			router.waitFor(30, TimeUnit.SECONDS);
			Instant restartAt = Instant.now();
			router = startRouter();
			log("  restarted in %.1f s", secondsSince(restartAt));
			sleepUntil(crashStart.plus(this.window).plusSeconds(5));
			awaitEvents("BENCH-C", 2L * this.due, Duration.ofSeconds(120));
			Stats crash = stats("BENCH-C");
			log("crash window: %d events, lateness p50 %d ms, p99 %d ms, max %d ms", crash.events, crash.p50, crash.p99,
					crash.max);

			// Both windows: what was expected, what arrived.
			Set<String> expected = new HashSet<>();
			for (String prefix : List.of("BENCH-S", "BENCH-C")) {
				for (int i = 0; i < this.due; i++) {
					String caseId = caseId(prefix, i);
					expected.add(caseId + "|first-response|0|breach");
					expected.add(caseId + "|first-response|0|escalation-1");
				}
			}
			Map<String, Set<String>> idsByKey = new HashMap<>();
			long records = 0;
			long distinctIds = 0;
			long repeatedRecords = 0;
			for (Map.Entry<String, Seen> entry : this.seen.entrySet()) {
				Seen s = entry.getValue();
				if (!s.key.startsWith("BENCH-S") && !s.key.startsWith("BENCH-C")) {
					continue;
				}
				records += s.records;
				distinctIds++;
				repeatedRecords += s.records - 1;
				idsByKey.computeIfAbsent(s.key, (k) -> new HashSet<>()).add(entry.getKey());
			}
			long lost = expected.stream().filter((k) -> !idsByKey.containsKey(k)).count();
			long duplicated = idsByKey.values().stream().filter((ids) -> ids.size() > 1).count();
			long unexpected = idsByKey.keySet().stream().filter((k) -> !expected.contains(k)).count();
			log("expected %d events; %d records, %d distinct event ids; lost %d, duplicated %d, "
					+ "records repeated with the same id %d, unexpected %d", expected.size(), records, distinctIds, lost,
					duplicated, repeatedRecords, unexpected);

			Map<String, Object> json = new LinkedHashMap<>();
			json.put("open_timers", open);
			json.put("due_in_window", this.due);
			json.put("window_seconds", this.window.toSeconds());
			json.put("lateness_p50_ms", steady.p50);
			json.put("lateness_p99_ms", steady.p99);
			json.put("lateness_max_ms", steady.max);
			// Events per second from the window's start to its last event (due + that event's lateness, ~ max).
			json.put("steady_events_per_s",
					Math.round(steady.events * 1000.0 / (this.window.toMillis() + Math.max(0, steady.max))));
			json.put("infra_gc", "\"" + this.infraGc + "\"");
			json.put("infra_gc_pauses_steady", infraGcSteady.count());
			json.put("infra_gc_pause_ms_steady", infraGcSteady.millis());
			json.put("router_gc_pause_ms_steady", routerGcSteady.millis());
			json.put("warm_up_seconds", this.warmUpLength.toSeconds());
			json.put("warm_up_timers", this.warmUp);
			json.put("warm_up_lateness_max_ms", warm.max);
			json.put("warm_up_gap_seconds", this.warmUpGap.toSeconds());
			json.put("warm_up_drained_before_steady", warmUpDrained);
			json.put("crash_lateness_p50_ms", crash.p50);
			json.put("crash_lateness_p99_ms", crash.p99);
			json.put("crash_lateness_max_ms", crash.max);
			json.put("expected_events", expected.size());
			json.put("events_seen", distinctIds);
			json.put("lost", lost);
			json.put("duplicated", duplicated);
			json.put("repeated_records_same_id", repeatedRecords);
			json.put("unexpected", unexpected);
			json.put("router_starts", this.routerStarts);
			json.put("cores", Runtime.getRuntime().availableProcessors());
			json.put("lateness_target_met", steady.events == 2L * this.due && steady.p99 <= 1000);
			json.put("exactly_once_target_met", lost == 0 && duplicated == 0);
			this.consuming = false;
			System.out.println(toJson(json));
			System.out.flush();
		}
	}

	// ---- complaint-router ----

	private Process startRouter() throws Exception {
		this.routerStarts++;
		int port = freePort();
		this.routerPort = port;
		Path log = this.data.resolve("complaint-router-" + this.routerStarts + ".log");
		log("starting complaint-router on %d (start %d)", port, this.routerStarts);
		Process router = this.processes.start(log,
				Map.of("PORT", String.valueOf(port), "KAFKA_BOOTSTRAP_SERVERS", this.bootstrap, "MONGODB_URI",
						this.mongoUri, "LOGGING_LEVEL_IO_FEEDBACKLOOP_ROUTER_SLA", "debug"),
				// the whole heap from the start, as deploy/Dockerfile runs the services
				"-Xms1g", "-Xmx1g", "-Xlog:gc:file=" + this.data.resolve("complaint-router-" + this.routerStarts + "-gc.log") + ":utctime",
				"-jar", this.processes.jar("complaint-router").toString());
		BenchProcesses.awaitLine(log, "SLA timer engine", router, Duration.ofSeconds(180), true);
		return router;
	}

	/** Opens one case through the service and returns its first-response timer, as the engine stored it. */
	private Document template(MongoDatabase database) throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String data = "{\"caseId\":\"" + TEMPLATE_CASE + "\",\"feedbackId\":\"fb-bench-template\","
				+ "\"customerId\":\"bench-template\",\"channel\":\"phone\",\"contact\":{\"phone\":\"+8613800138000\"},"
				+ "\"language\":\"zh\",\"category\":\"network\",\"department\":\"network-operations\","
				+ "\"receivedAt\":\"" + now + "\",\"firstResponseDueAt\":\"" + now.plus(Duration.ofHours(24))
				+ "\",\"routedAt\":\"" + now + "\",\"severity\":\"normal\",\"tier\":\"standard\"}";
		ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "bench-template", data);
		header(record, "ce_specversion", "1.0");
		header(record, "ce_id", "bench-template-routed");
		header(record, "ce_source", "/complaint-router");
		header(record, "ce_type", "complaint.routed.v1");
		header(record, "ce_time", now.toString());
		header(record, "ce_subject", TEMPLATE_CASE);
		header(record, "ce_dataschema", "https://schemas.feedbackloop.io/events/complaint.routed.v1.json");
		header(record, "content-type", "application/json");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
		MongoCollection<Document> collection = database.getCollection("sla_timers");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			Document found = collection.find(Filters.eq("_id", TEMPLATE_CASE + "/first-response")).first();
			if (found != null) {
				return found;
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		throw new IllegalStateException("complaint-router started no timer for the template case");
	}

	/**
	 * Where the time goes, from the service's own meters: mean MongoDB command times by command, mean
	 * publish time, and the engine's own firing lateness.
	 */
	private String insideTheService() {
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.routerPort + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(30))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			Map<String, double[]> means = new java.util.TreeMap<>();
			Pattern line = Pattern.compile(
					"^(mongodb_driver_commands_seconds|feedbackloop_events_publish_seconds|feedbackloop_sla_firing_lateness_seconds)_(sum|count)\\{(.*)\\} ([0-9.eE+-]+)$");
			for (String text : response.body().split("\n")) {
				Matcher m = line.matcher(text);
				if (!m.matches()) {
					continue;
				}
				Matcher command = Pattern.compile("command=\"([^\"]+)\"").matcher(m.group(3));
				String name = m.group(1).replace("_seconds", "") + (command.find() ? ":" + command.group(1) : "");
				double[] sumCount = means.computeIfAbsent(name, (k) -> new double[2]);
				sumCount[m.group(2).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(4));
			}
			StringBuilder out = new StringBuilder();
			means.forEach((name, sc) -> out.append(String.format(Locale.ROOT, "%s%s %.0f x %.1f ms",
					out.isEmpty() ? "" : "; ", name, sc[1], (sc[1] > 0) ? 1000 * sc[0] / sc[1] : 0)));
			return out.toString();
		}
		catch (Exception ex) {
			return "(metrics not read: " + ex + ")";
		}
	}

	private static void header(ProducerRecord<String, String> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	// ---- seeding, in the engine's own format (TimerStore) ----

	/**
	 * Writes {@code count} first-response timers whose breach falls due evenly within {@code span} from
	 * {@code from}: the hints into their schedule buckets first, then the timers, in batches.
	 */
	private void seed(MongoDatabase database, Document template, String prefix, int count, Instant from, Duration span) {
		MongoCollection<Document> timersCollection = database.getCollection("sla_timers");
		MongoCollection<Document> schedule = database.getCollection("sla_schedule");
		MongoCollection<Document> counts = database.getCollection("sla_counts");
		long targetMs = template.getLong("targetMs");
		int batch = 5000;
		for (int start = 0; start < count; start += batch) {
			int end = Math.min(count, start + batch);
			List<Document> docs = new ArrayList<>(end - start);
			Map<String, List<String>> hints = new LinkedHashMap<>();
			Document inc = new Document("open", (long) (end - start));
			for (int i = start; i < end; i++) {
				Instant dueAt = from.plusMillis(span.toMillis() * i / count);
				inc.merge("due.m" + Math.floorDiv(dueAt.getEpochSecond(), 60), 1L, (a, b) -> (Long) a + (Long) b);
				String caseId = caseId(prefix, i);
				String id = caseId + "/first-response";
				long rev = ThreadLocalRandom.current().nextLong();
				Document doc = new Document(template);
				doc.put("_id", id);
				doc.put("caseId", caseId);
				doc.put("customerId", "bench-" + prefix + "-" + (i % 50_000));
				doc.put("startedBy", "bench-seed");
				doc.put("startedAt", Date.from(dueAt.minusMillis(targetMs)));
				doc.put("promisedDueAt", Date.from(dueAt));
				doc.put("done", List.of("warning-50", "warning-75"));
				doc.put("history", List.of());
				doc.put("dueAt", Date.from(dueAt));
				doc.put("nextFireAt", Date.from(dueAt));
				doc.remove("lease");
				doc.put("version", 1L);
				doc.put("rev", rev);
				docs.add(doc);
				hints.computeIfAbsent(bucketId(dueAt, id), (b) -> new ArrayList<>())
					.add(id + "|" + rev + "|" + dueAt.toEpochMilli()); // as TimerStore.hintToString
			}
			List<WriteModel<Document>> upserts = new ArrayList<>();
			hints.forEach((bucket, entries) -> upserts.add(new UpdateOneModel<>(Filters.eq("_id", bucket),
					Updates.combine(Updates.pushEach("entries", entries), Updates.inc("n", entries.size()),
							Updates.setOnInsert("slot", Date.from(Instant.parse(bucket.substring(0, bucket.indexOf('/')))))),
					new UpdateOptions().upsert(true))));
			schedule.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
			timersCollection.insertMany(docs, new InsertManyOptions().ordered(false));
			// As TimerStore does on every write: the department's counters of open and due timers.
			counts.updateOne(Filters.eq("_id", template.getString("department")), new Document("$inc", inc),
					new UpdateOptions().upsert(true));
		}
	}

	/**
	 * As TimerStore.bucketId with complaint-router's defaults ({@code slot-width} 1s, {@code shards} 4): the
	 * 1-second slot of the instant and one of 4 shards by the timer id's hash.
	 */
	private static String bucketId(Instant at, String timerId) {
		long second = at.getEpochSecond();
		int shard = Math.floorMod(timerId.hashCode(), 4);
		return Instant.ofEpochSecond(second) + "/" + ((shard < 10) ? "0" : "") + shard;
	}

	private static String caseId(String prefix, int i) {
		return String.format(Locale.ROOT, "%s-%07d", prefix, i);
	}

	// ---- reading complaint.sla.* from Kafka ----

	private void consume() {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
				"bench-timers-" + UUID.randomUUID(), ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(TOPIC)) {
				partitions.add(new TopicPartition(TOPIC, info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (this.consuming) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					String type = header(record, "ce_type");
					String subject = header(record, "ce_subject");
					if (type == null || !type.startsWith("complaint.sla.") || subject == null
							|| !subject.startsWith("BENCH-")) {
						continue;
					}
					String json = new String(record.value(), StandardCharsets.UTF_8);
					String step = switch (type) {
						case "complaint.sla.breached.v1" -> "breach";
						case "complaint.sla.escalated.v1" -> "escalation-" + group(LEVEL, json);
						case "complaint.sla.warning.v1" ->
							"warning-" + Math.round(Double.parseDouble(group(FRACTION, json)) * 100);
						default -> type;
					};
					String key = subject + "|" + group(TIMER, json) + "|" + group(CYCLE, json) + "|" + step;
					String scheduled = group(type.equals("complaint.sla.breached.v1") ? DUE_AT : SCHEDULED_AT, json);
					if (scheduled.equals("?")) {
						log("no scheduledAt/dueAt in %s: %s", type, json);
						continue;
					}
					long lateness = record.timestamp() - Instant.parse(scheduled).toEpochMilli();
					this.seen.compute(header(record, "ce_id"), (id, s) -> {
						if (s == null) {
							return new Seen(key, lateness, 1);
						}
						return new Seen(s.key, s.latenessMs, s.records + 1);
					});
				}
			}
		}
		catch (RuntimeException ex) {
			log("consumer failed: %s", ex);
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static String group(Pattern pattern, String json) {
		Matcher matcher = pattern.matcher(json);
		return matcher.find() ? matcher.group(1) : "?";
	}

	private int count(String prefix) {
		return (int) this.seen.values().stream().filter((s) -> s.key.startsWith(prefix)).count();
	}

	private void awaitEvents(String prefix, long expected, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (count(prefix) < expected && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(500);
		}
		// Late repeats of records already published (a crash between publish and record) still arrive.
		TimeUnit.SECONDS.sleep(5);
	}

	private Stats stats(String prefix) {
		long[] lateness = this.seen.values()
			.stream()
			.filter((s) -> s.key.startsWith(prefix))
			.mapToLong((s) -> s.latenessMs)
			.sorted()
			.toArray();
		if (lateness.length == 0) {
			return new Stats(0, -1, -1, -1);
		}
		return new Stats(lateness.length, percentile(lateness, 50), percentile(lateness, 99),
				lateness[lateness.length - 1]);
	}

	private static long percentile(long[] sorted, double p) {
		int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private record Seen(String key, long latenessMs, int records) {

	}

	private record Stats(long events, long p50, long p99, long max) {

	}

	// ---- processes ----

	/**
	 * The MongoDB-wire server's (and Kafka's) JVM options besides the heap size, by {@code --infra-gc}:
	 * {@code parallel} (the default) is the parallel collector with the whole heap committed from the start
	 * and a quarter of it young; {@code g1} the JVM's default; {@code zgc} the Z collector (single-generation
	 * on JDK 17, generational from JDK 23: {@code --infra-java} runs the infrastructure on another JDK), its
	 * pauses logged under {@code gc+phases} so that they are counted too. The wire server holds every timer as Java
	 * maps (about 6 GB at a million), and the firing path rewrites fields of those old objects: under G1,
	 * with a young generation sized down to its 200 ms pause goal, that was a 300-500 ms young pause every
	 * 3-4 s and concurrent marking cycles of 25-65 s competing for the two cores; the parallel collector
	 * has no concurrent work and a cheaper write barrier, and a large young generation collects rarely.
	 * The GC log goes to {@code infrastructure-gc.log} in the data directory.
	 */
	private List<String> infrastructureJvmOptions() {
		List<String> options = new ArrayList<>();
		switch (this.infraGc) {
			// Metaspace's first high-water mark (about 21 MB) is crossed while Kafka and the wire server load
			// classes mid-run; for the parallel collector that is a full collection (73 s at a million timers).
			case "parallel" -> options.addAll(List.of("-XX:+UseParallelGC", "-XX:NewRatio=3", "-Xms" + this.infraHeap,
					"-XX:MetaspaceSize=256m"));
			case "g1" -> {
			}
			case "zgc" -> options.addAll(List.of("-XX:+UseZGC", "-Xms" + this.infraHeap));
			default -> throw new IllegalArgumentException("--infra-gc: parallel, g1 or zgc, not " + this.infraGc);
		}
		String tags = "zgc".equals(this.infraGc) ? "gc,gc+phases" : "gc";
		options.add("-Xlog:" + tags + ":file=" + this.data.resolve("infrastructure-gc.log") + ":utctime");
		return options;
	}

	/** GC pauses logged ({@code -Xlog:gc:...:utctime}) between two instants: how many, how long in all. */
	static GcPauses gcPauses(Path log, Instant from, Instant to) {
		Pattern pause = Pattern.compile("^\\[([^\\]]+)\\].* Pause .* ([0-9.]+)ms$");
		java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter
			.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
		int count = 0;
		double millis = 0;
		try {
			for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
				Matcher m = pause.matcher(line);
				if (m.matches()) {
					Instant at = java.time.OffsetDateTime.parse(m.group(1), format).toInstant();
					if (!at.isBefore(from) && at.isBefore(to)) {
						count++;
						millis += Double.parseDouble(m.group(2));
					}
				}
			}
		}
		catch (java.io.IOException | RuntimeException ex) {
			log("  (no GC pauses read from %s: %s)", log, ex);
		}
		return new GcPauses(count, Math.round(millis));
	}

	record GcPauses(int count, long millis) {
	}

	private void stop() {
		this.consuming = false;
		this.processes.stopAll();
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		long millis = Duration.between(Instant.now(), instant).toMillis();
		if (millis > 0) {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
	}

	private static double secondsSince(Instant start) {
		return Duration.between(start, Instant.now()).toMillis() / 1000.0;
	}

	private static String toJson(Map<String, Object> values) {
		StringBuilder json = new StringBuilder("{");
		values.forEach((key, value) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(key).append("\":").append(value);
		});
		return json.append('}').toString();
	}

}
