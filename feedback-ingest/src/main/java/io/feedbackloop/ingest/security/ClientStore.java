package io.feedbackloop.ingest.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.feedbackloop.ingest.IngestProperties;
import org.bson.Document;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code api_clients} collection: clients added, rotated or revoked at run time, {@code _id} =
 * client id. Like the configuration it holds only key hashes and HMAC generation numbers, never a
 * key or secret. Written by operators ({@link ClientAdmin}), read by every instance's
 * {@link ClientRegistry}.
 */
@Component
public class ClientStore {

	static final String COLLECTION = "api_clients";

	private final MongoCollection<Document> clients;

	private final Clock clock;

	@Autowired
	public ClientStore(MongoDatabase database, Clock clock, IngestProperties properties) {
		this(database, clock, properties.statusTimeout());
	}

	ClientStore(MongoDatabase database, Clock clock, Duration timeout) {
		this.clients = database.getCollection(COLLECTION).withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
		this.clock = clock;
	}

	/**
	 * Adds the client, or replaces its definition (a rotation: two key hashes or generations, then the
	 * new one alone); also undoes a revocation.
	 * @throws IllegalArgumentException when the definition is incomplete or inconsistent
	 */
	public void put(String id, ClientProperties.Client client) {
		ClientRegistry.check(id, client);
		Document document = new Document("_id", id).append("channels", client.channels())
			.append("keySha256", client.keySha256())
			.append("hmacGenerations", client.hmacGenerations())
			.append("permitsPerSecond", client.permitsPerSecond())
			.append("burst", client.burst())
			.append("revoked", false)
			.append("updatedAt", Date.from(this.clock.instant()));
		this.clients.replaceOne(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true));
	}

	/** Revokes the client, also one that is configured: none of its keys or secrets works any more. */
	public void revoke(String id) {
		this.clients.updateOne(Filters.eq("_id", id),
				Updates.combine(Updates.set("revoked", true), Updates.set("updatedAt", Date.from(this.clock.instant()))),
				new UpdateOptions().upsert(true));
	}

	/** Every stored client, revoked ones included, by id. */
	public Map<String, StoredClient> all() {
		Map<String, StoredClient> all = new LinkedHashMap<>();
		for (Document document : this.clients.find()) {
			String id = document.getString("_id");
			boolean revoked = Boolean.TRUE.equals(document.getBoolean("revoked"));
			ClientProperties.Client client = new ClientProperties.Client(strings(document, "channels"),
					strings(document, "keySha256"), document.getList("hmacGenerations", Integer.class, List.of()),
					number(document, "permitsPerSecond").doubleValue(), number(document, "burst").intValue());
			all.put(id, new StoredClient(client, revoked));
		}
		return all;
	}

	private static Number number(Document document, String field) {
		Number number = document.get(field, Number.class);
		return (number != null) ? number : 0;
	}

	private static List<String> strings(Document document, String field) {
		return document.getList(field, String.class, List.of());
	}

	/**
	 * A client as stored.
	 * @param client its definition (empty for a revoked configured client)
	 * @param revoked whether it was revoked
	 */
	public record StoredClient(ClientProperties.Client client, boolean revoked) {

	}

}
