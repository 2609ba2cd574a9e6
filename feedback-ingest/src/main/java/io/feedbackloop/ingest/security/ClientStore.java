package io.feedbackloop.ingest.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(ClientStore.class);

	/** The definition of a client that is only known to be revoked. */
	private static final ClientProperties.Client REVOKED = new ClientProperties.Client(List.of(), List.of(),
			List.of(), 0, 0);

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

	/**
	 * Every stored client, revoked ones included, by id. Each document is read on its own: one that
	 * cannot be read (a field of the wrong type...) is skipped with a warning, but when its id and
	 * {@code revoked: true} can be read it still counts as a revocation, so that a mistake in a revoked
	 * client's other fields never brings it back.
	 */
	public Map<String, StoredClient> all() {
		Map<String, StoredClient> all = new LinkedHashMap<>();
		for (Document document : this.clients.find()) {
			Object id = document.get("_id");
			if (!(id instanceof String clientId)) {
				log.warn("API client document skipped: its _id is not a string ({})", typeOf(id));
				continue;
			}
			try {
				all.put(clientId, read(document));
			}
			catch (RuntimeException ex) {
				// Fail closed: a revoked flag of the wrong type (1, "true") still revokes.
				Object revoked = document.get("revoked");
				if (revoked != null && !Boolean.FALSE.equals(revoked)) {
					log.warn("API client {} in MongoDB is malformed ({}); only its revocation is applied", clientId,
							ex.getMessage());
					all.put(clientId, new StoredClient(REVOKED, true));
				}
				else {
					log.warn("API client {} in MongoDB skipped, malformed: {}", clientId, ex.getMessage());
				}
			}
		}
		return all;
	}

	private static StoredClient read(Document document) {
		Object revoked = document.get("revoked");
		if (revoked != null && !(revoked instanceof Boolean)) {
			throw new IllegalArgumentException("revoked must be true or false, not a " + typeOf(revoked));
		}
		ClientProperties.Client client = new ClientProperties.Client(strings(document, "channels"),
				strings(document, "keySha256"), integers(document, "hmacGenerations"),
				number(document, "permitsPerSecond").doubleValue(), wholeNumber(number(document, "burst"), "burst"));
		return new StoredClient(client, Boolean.TRUE.equals(revoked));
	}

	private static Number number(Document document, String field) {
		Object value = document.get(field);
		if (value == null) {
			return 0;
		}
		if (!(value instanceof Number number)) {
			throw new IllegalArgumentException(field + " must be a number, not a " + typeOf(value));
		}
		return number;
	}

	/** Numbers as any client writes them: mongosh writes {@code 1} as the double {@code 1.0}. */
	private static List<Integer> integers(Document document, String field) {
		List<Integer> integers = new ArrayList<>();
		for (Object value : list(document, field)) {
			if (!(value instanceof Number number)) {
				throw new IllegalArgumentException(field + " must hold numbers, not a " + typeOf(value));
			}
			integers.add(wholeNumber(number, field));
		}
		return integers;
	}

	private static int wholeNumber(Number number, String field) {
		double value = number.doubleValue();
		if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(field + " must hold whole numbers, not " + number);
		}
		return (int) value;
	}

	private static List<String> strings(Document document, String field) {
		List<String> strings = new ArrayList<>();
		for (Object value : list(document, field)) {
			if (!(value instanceof String string)) {
				throw new IllegalArgumentException(field + " must hold strings, not a " + typeOf(value));
			}
			strings.add(string);
		}
		return strings;
	}

	private static List<?> list(Document document, String field) {
		Object value = document.get(field);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException(field + " must be an array, not a " + typeOf(value));
		}
		return list;
	}

	private static String typeOf(@Nullable Object value) {
		return (value != null) ? value.getClass().getSimpleName() : "null";
	}

	/**
	 * A client as stored.
	 * @param client its definition (empty for a revoked configured client)
	 * @param revoked whether it was revoked
	 */
	public record StoredClient(ClientProperties.Client client, boolean revoked) {

	}

}
