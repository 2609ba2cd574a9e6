package io.feedbackloop.ingest.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.IngestTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clients added, rotated and revoked in MongoDB ({@code api_clients}) while the service runs: known
 * after the registry's next refresh (called here rather than waited for), no restart.
 */
@IngestTest
class ClientRegistryTests {

	@LocalServerPort
	int port;

	@Autowired
	ClientStore store;

	@Autowired
	ClientRegistry registry;

	@Autowired
	MongoDatabase database;

	IngestHttp http;

	@BeforeEach
	void client() {
		this.http = new IngestHttp(this.port);
	}

	@Test
	void clientAddedInMongoDbMayPostAfterTheNextRefresh() {
		String id = "added-" + UUID.randomUUID();
		String key = "key-" + UUID.randomUUID();
		this.store.put(id, client(List.of("sms"), List.of(ClientRegistry.sha256(key))));

		assertThat(post(key)).as("before the refresh").isEqualTo(401);
		this.registry.refresh();

		assertThat(post(key)).isEqualTo(202);
	}

	@Test
	void keyRotatedInMongoDbWorksBothWaysThenOnlyTheNewOne() {
		String id = "rotated-" + UUID.randomUUID();
		String old = "old-" + UUID.randomUUID();
		String fresh = "new-" + UUID.randomUUID();
		this.store.put(id, client(List.of("sms"), List.of(ClientRegistry.sha256(old))));
		this.store.put(id, client(List.of("sms"), List.of(ClientRegistry.sha256(old), ClientRegistry.sha256(fresh))));
		this.registry.refresh();

		assertThat(post(old)).isEqualTo(202);
		assertThat(post(fresh)).isEqualTo(202);

		this.store.put(id, client(List.of("sms"), List.of(ClientRegistry.sha256(fresh))));
		this.registry.refresh();

		assertThat(post(old)).isEqualTo(401);
		assertThat(post(fresh)).isEqualTo(202);
	}

	@Test
	void revokedClientIsRefusedAfterTheNextRefresh() {
		String id = "revoked-" + UUID.randomUUID();
		String key = "key-" + UUID.randomUUID();
		this.store.put(id, client(List.of("sms"), List.of(ClientRegistry.sha256(key))));
		this.registry.refresh();
		assertThat(post(key)).isEqualTo(202);

		this.store.revoke(id);
		this.registry.refresh();

		assertThat(post(key)).isEqualTo(401);
	}

	@Test
	void theAdminCommandStoresListsAndRevokesClients() {
		String id = "cli-" + UUID.randomUUID();
		String key = "key-" + UUID.randomUUID();

		assertThat(ClientAdmin.run(List.of("put", id, "--channels", "sms,web", "--key-sha256", ClientRegistry.sha256(key),
				"--permits-per-second", "50", "--burst", "10"), this.store)).isEqualTo("stored " + id);
		this.registry.refresh();
		assertThat(post(key)).isEqualTo(202);
		assertThat(ClientAdmin.run(List.of("list"), this.store)).contains(id + " channels=[sms, web] keys=1");

		ClientAdmin.run(List.of("revoke", id), this.store);
		this.registry.refresh();
		assertThat(post(key)).isEqualTo(401);
	}

	@Test
	void anIncompleteDefinitionIsRefusedBeforeItIsStored() {
		assertThatThrownBy(() -> ClientAdmin.run(List.of("put", "no-key", "--channels", "sms"), this.store))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("key-sha256");
		assertThatThrownBy(() -> this.store.put("bad-hash", client(List.of("sms"), List.of("not-a-hash"))))
			.isInstanceOf(IllegalArgumentException.class);
		// ':' separates the parts of a claim's key (key:<client>:<Idempotency-Key>): "a:b" could meet "a" there
		assertThatThrownBy(() -> this.store.put("a:b", client(List.of("sms"), List.of("ab".repeat(32)))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("client id 'a:b'");
		assertThat(this.store.all()).doesNotContainKeys("no-key", "bad-hash", "a:b");
	}

	@Test
	void aMalformedClientDocumentIsSkippedWithoutStoppingTheRefreshNorARevocation() {
		MongoCollection<Document> stored = this.database.getCollection(ClientStore.COLLECTION);
		String revokedId = "revoked-malformed-" + UUID.randomUUID();
		String revokedKey = "key-" + UUID.randomUUID();
		this.store.put(revokedId, client(List.of("sms"), List.of(ClientRegistry.sha256(revokedKey))));
		this.registry.refresh();
		assertThat(post(revokedKey)).isEqualTo(202);
		// Then, by hand in mongosh: the revocation, and a mistake in another field of the same client.
		this.store.revoke(revokedId);
		stored.updateOne(Filters.eq("_id", revokedId), Updates.set("burst", "lots"));
		// A client entered in mongosh, whose numbers are doubles; one whose channels are not an array.
		String mongoshId = "mongosh-" + UUID.randomUUID();
		String mongoshKey = "key-" + UUID.randomUUID();
		stored.insertOne(new Document("_id", mongoshId).append("channels", List.of("sms"))
			.append("keySha256", List.of(ClientRegistry.sha256(mongoshKey)))
			.append("hmacGenerations", List.of(1.0))
			.append("permitsPerSecond", 50.0)
			.append("burst", 100.0));
		String malformedId = "malformed-" + UUID.randomUUID();
		String malformedKey = "key-" + UUID.randomUUID();
		stored.insertOne(new Document("_id", malformedId).append("channels", "sms")
			.append("keySha256", List.of(ClientRegistry.sha256(malformedKey)))
			.append("permitsPerSecond", 50)
			.append("burst", 100));
		// A revocation typed by hand as a number: fail closed, still revoked.
		String numberId = "revoked-number-" + UUID.randomUUID();
		String numberKey = "key-" + UUID.randomUUID();
		this.store.put(numberId, client(List.of("sms"), List.of(ClientRegistry.sha256(numberKey))));
		stored.updateOne(Filters.eq("_id", numberId), Updates.set("revoked", 1));
		// And a good one added at the same time.
		String addedId = "added-" + UUID.randomUUID();
		String addedKey = "key-" + UUID.randomUUID();
		this.store.put(addedId, client(List.of("sms"), List.of(ClientRegistry.sha256(addedKey))));
		try {
			this.registry.refresh();

			assertThat(post(addedKey)).as("the refresh went on past the malformed documents").isEqualTo(202);
			assertThat(post(mongoshKey)).as("doubles read as the numbers they are").isEqualTo(202);
			assertThat(this.store.all().get(mongoshId).client().hmacGenerations()).containsExactly(1);
			assertThat(post(revokedKey)).as("revoked, however malformed the rest").isEqualTo(401);
			assertThat(post(malformedKey)).as("skipped").isEqualTo(401);
			assertThat(post(numberKey)).as("revoked: 1 revokes").isEqualTo(401);
			assertThat(this.store.all().get(numberId).revoked()).isTrue();
			assertThat(this.store.all()).doesNotContainKey(malformedId);
		}
		finally {
			stored.deleteMany(Filters.in("_id", List.of(revokedId, mongoshId, malformedId, numberId, addedId)));
		}
	}

	private int post(String key) {
		Map<String, Object> body = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		return this.http.as(key).post(Feedbacks.json(body)).statusCode();
	}

	private static ClientProperties.Client client(List<String> channels, List<String> keyHashes) {
		return new ClientProperties.Client(channels, keyHashes, List.of(), 1000, 1000);
	}

}
