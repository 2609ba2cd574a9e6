package io.feedbackloop.ingest.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.IngestTest;
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
		assertThat(this.store.all()).doesNotContainKeys("no-key", "bad-hash");
	}

	private int post(String key) {
		Map<String, Object> body = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		return this.http.as(key).post(Feedbacks.json(body)).statusCode();
	}

	private static ClientProperties.Client client(List<String> channels, List<String> keyHashes) {
		return new ClientProperties.Client(channels, keyHashes, List.of(), 1000, 1000);
	}

}
