package io.feedbackloop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The Kafka broker and MongoDB server a test JVM runs against, started once and shared by every
 * test class (a context per class would cost seconds each). System property
 * {@code feedbackloop.infra} selects them: {@code local} (default: the in-process KRaft broker and
 * mongo-java-server) or {@code testcontainers} (real {@code apache/kafka} and {@code mongo} images;
 * fails, never skips, when Docker is missing).
 */
public final class TestInfrastructure {

	/** Where the infrastructure is; {@code mongoUri} has no database name. */
	public record Endpoints(String kafkaBootstrapServers, String mongoUri, String kind) {

		public String mongoUri(String database) {
			return this.mongoUri + "/" + database;
		}

	}

	private static @Nullable Endpoints endpoints;

	private TestInfrastructure() {
	}

	public static synchronized Endpoints get() {
		if (endpoints == null) {
			String kind = System.getProperty("feedbackloop.infra", "local");
			endpoints = switch (kind) {
				case "local" -> startLocal();
				case "testcontainers" -> ContainerInfrastructure.start();
				default -> throw new IllegalStateException(
						"feedbackloop.infra must be 'local' or 'testcontainers', not '" + kind + "'");
			};
			TopicCreator.createAll(endpoints.kafkaBootstrapServers(), (short) 1);
		}
		return endpoints;
	}

	private static Endpoints startLocal() {
		try {
			Path dir = Files.createTempDirectory("feedbackloop-kafka-");
			KafkaBroker kafka = KafkaBroker.start(dir, Ports.free(), Ports.free());
			MongoWireServer mongo = MongoWireServer.startInMemory(Ports.free());
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				mongo.close();
				kafka.close();
			}, "test-infrastructure-shutdown"));
			return new Endpoints(kafka.bootstrapServers(), mongo.connectionString(), "local");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
