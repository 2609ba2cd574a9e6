package io.feedbackloop.local;

import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server), used through the real MongoDB
 * driver. The local run keeps its data in an H2 file so that it survives restarts; tests use memory.
 * It has no transactions and no TTL expiry: the services never depend on either for correctness.
 */
public final class MongoWireServer implements AutoCloseable {

	private final MongoServer server;

	private final String connectionString;

	private MongoWireServer(MongoServer server, String connectionString) {
		this.server = server;
		this.connectionString = connectionString;
	}

	public static MongoWireServer startInFile(Path file, int port) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Cannot create the folder for " + file, ex);
		}
		return start(new H2Backend(file.toAbsolutePath().toString()), port);
	}

	public static MongoWireServer startInMemory(int port) {
		return start(new IsolatedMemoryBackend(), port);
	}

	private static MongoWireServer start(MongoBackend backend, int port) {
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", port);
		return new MongoWireServer(server, "mongodb://127.0.0.1:" + port);
	}

	/** The connection string for the real MongoDB driver (database name to be appended). */
	public String connectionString() {
		return this.connectionString;
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

}
