package io.feedbackloop.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in KRaft mode (one node acting as broker and controller), run in
 * this JVM from the Maven Central jars. The same class serves the tests (temporary folder, free
 * ports) and the local run (a data folder kept across restarts, fixed ports).
 */
public final class KafkaBroker implements AutoCloseable {

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Starts a broker whose log lives in {@code dataDir}. The folder is formatted on first use
	 * and reused as it is afterwards, so topics and offsets survive a restart.
	 */
	public static KafkaBroker start(Path dataDir, int port, int controllerPort) throws IOException {
		Files.createDirectories(dataDir);
		Properties props = new Properties();
		props.put("process.roles", "broker,controller");
		props.put("node.id", "1");
		props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		props.put("controller.listener.names", "CONTROLLER");
		props.put("inter.broker.listener.name", "PLAINTEXT");
		props.put("log.dirs", dataDir.toAbsolutePath().toString());
		// One node: every internal topic has one replica.
		props.put("offsets.topic.replication.factor", "1");
		props.put("offsets.topic.num.partitions", "5");
		props.put("transaction.state.log.replication.factor", "1");
		props.put("transaction.state.log.min.isr", "1");
		props.put("transaction.state.log.num.partitions", "5");
		props.put("share.coordinator.state.topic.replication.factor", "1");
		props.put("share.coordinator.state.topic.min.isr", "1");
		props.put("group.initial.rebalance.delay.ms", "0");
		props.put("num.partitions", "3");
		// Topics are declared in the contracts and created explicitly; a typo must not create one.
		props.put("auto.create.topics.enable", "false");

		Path propsFile = dataDir.resolve("server.properties");
		try (OutputStream out = Files.newOutputStream(propsFile)) {
			props.store(out, "written by Feedback Loop's KafkaBroker; regenerated on every start");
		}
		format(dataDir, propsFile);

		KafkaConfig config = KafkaConfig.fromProps(props, false);
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		return new KafkaBroker(server, "127.0.0.1:" + port);
	}

	private static void format(Path dataDir, Path propsFile) {
		Path clusterIdFile = dataDir.resolve("cluster.id");
		try {
			String clusterId;
			if (Files.exists(clusterIdFile)) {
				clusterId = Files.readString(clusterIdFile).trim();
			}
			else {
				clusterId = Uuid.randomUuid().toString();
				Files.writeString(clusterIdFile, clusterId);
			}
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			int exit = StorageTool.execute(new String[] { "format", "-t", clusterId, "-c", propsFile.toString(),
					"--ignore-formatted" }, new PrintStream(buffer, true, StandardCharsets.UTF_8));
			if (exit != 0) {
				throw new IllegalStateException("Kafka storage format failed: " + buffer.toString(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot prepare the Kafka data folder " + dataDir, ex);
		}
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
