package io.feedbackloop.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the infrastructure of the local system in one process: the Kafka broker (KRaft), the
 * MongoDB-wire server (H2 file), the SMTP server and the SMS gateway, all keeping their state under
 * one data folder. Started by {@code bin/run-local}; stops cleanly on Ctrl-C or SIGTERM.
 *
 * <p>Arguments: {@code --data DIR --kafka-port 9092 --kafka-controller-port 9093 --mongo-port 27017
 * --smtp-port 3025 --imap-port 3143 --sms-port 8025 --mongo-backend file}; it prints {@code READY} once
 * everything accepts connections. {@code --mongo-backend memory} keeps MongoDB's data in memory only
 * (benchmarks: the H2 file backend is far slower than a real MongoDB).
 */
public final class LocalInfrastructure {

	private static final org.slf4j.Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

	private LocalInfrastructure() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		Path data = Path.of(options.getOrDefault("data", ".local-data")).toAbsolutePath();
		Files.createDirectories(data);
		quietenInfrastructureLogs();

		Deque<AutoCloseable> started = new ArrayDeque<>();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			log.info("Stopping local infrastructure");
			while (!started.isEmpty()) {
				try {
					started.pop().close();
				}
				catch (Exception ex) {
					log.warn("Error while stopping: {}", ex.toString());
				}
			}
			stopped.countDown();
		}, "local-infrastructure-shutdown"));

		KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), port(options, "kafka-port", 9092),
				port(options, "kafka-controller-port", 9093));
		started.push(kafka);
		TopicCreator.createAll(kafka.bootstrapServers(), (short) 1);
		MongoWireServer mongo = "memory".equals(options.get("mongo-backend"))
				? MongoWireServer.startInMemory(port(options, "mongo-port", 27017))
				: MongoWireServer.startInFile(data.resolve("mongo/feedbackloop.mv"), port(options, "mongo-port", 27017));
		started.push(mongo);
		MailServer mail = MailServer.start(port(options, "smtp-port", 3025), port(options, "imap-port", 3143));
		started.push(mail);
		SmsGateway sms = SmsGateway.start(port(options, "sms-port", 8025));
		started.push(sms);

		System.out.printf("Kafka broker (KRaft)  %s%n", kafka.bootstrapServers());
		System.out.printf("MongoDB-wire server   %s%n", mongo.connectionString());
		System.out.printf("SMTP server           smtp://127.0.0.1:%d (read over IMAP on port %d)%n", mail.smtpPort(),
				port(options, "imap-port", 3143));
		System.out.printf("SMS gateway           %s/v1/messages%n", sms.baseUrl());
		System.out.printf("Data folder           %s%n", data);
		System.out.println("READY");
		System.out.flush();
		stopped.await();
	}

	private static void quietenInfrastructureLogs() {
		for (String name : new String[] { "kafka", "org.apache.kafka", "state.change.logger", "de.bwaldvogel",
				"com.icegreen", "org.apache.zookeeper" }) {
			((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
		}
	}

	private static int port(Map<String, String> options, String name, int fallback) {
		return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --name value pairs, got: " + String.join(" ", args));
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

}
