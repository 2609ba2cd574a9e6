package io.feedbackloop.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.feedbackloop.contracts.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The registered clients, found by the SHA-256 of the key they present or, for signed requests, by
 * their id. Only hashes are configured: keys are random and long (at least 128 bits), so a plain
 * SHA-256 cannot be reversed and needs no salt or slow KDF, and a leaked configuration gives nobody a
 * key. During a rotation a client has two hashes, and either key works.
 *
 * <p>The configuration is the seed; clients in MongoDB ({@link ClientStore}, {@code api_clients})
 * are added to it or replace a configured client of the same id, and a revoked one removes it. The
 * registry is kept in memory and read again every {@code refresh-interval}, so that a client added,
 * rotated or revoked there is known to every instance within that time, without a restart. A client
 * whose definition did not change keeps its rate-limit bucket across refreshes.
 */
@Component
public class ClientRegistry implements DisposableBean {

	/** The published key of the demo client (bin/run-local, bin/demo-feedback, the end-to-end test). */
	public static final String DEMO_KEY = "demo-local-only-7f3c9a2e41b8d605";

	static final String DEMO_CLIENT = "demo";

	private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	/**
	 * A client id: letters, digits, '.', '_' and '-' (no ':', which separates the parts of an idempotency claim's
	 * key: clients {@code a} and {@code a:b} could otherwise claim the same key).
	 */
	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	/** At least 256 bits' worth of text: the master key protects every client's secret. */
	private static final int MIN_MASTER_KEY_LENGTH = 32;

	private final Map<String, ClientProperties.Client> configured = new LinkedHashMap<>();

	private final @Nullable String masterKey;

	private final ClientStore store;

	private final Clock clock;

	private final Duration signatureTolerance;

	private final ScheduledExecutorService refresher;

	private volatile Snapshot snapshot;

	ClientRegistry(ClientProperties properties, ClientStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
		this.signatureTolerance = properties.signatureTolerance();
		String master = properties.hmacMasterKey();
		this.masterKey = (master != null && !master.isBlank()) ? master.strip() : null;
		this.configured.putAll(properties.clients());
		if (properties.demoClientEnabled()) {
			log.warn("The demo client '{}' with its published key is enabled: never do this in production",
					DEMO_CLIENT);
			this.configured.put(DEMO_CLIENT, new ClientProperties.Client(List.of("phone", "sms", "web", "app"),
					List.of(sha256(DEMO_KEY)), List.of(), 1000, 2000));
		}
		// A mistake in the configuration stops the start; one in MongoDB only skips that client.
		Snapshot seed = new Snapshot();
		this.configured.forEach((id, client) -> seed.register(id, client, this.masterKey, clock, Map.of()));
		this.snapshot = seed;
		refresh();
		if (this.snapshot.byKeyHash.isEmpty() && this.snapshot.signing.isEmpty()) {
			log.warn("No clients are registered (feedbackloop.ingest.security.clients): every request will be "
					+ "answered 401");
		}
		long every = properties.refreshInterval().toMillis();
		this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "api-clients-refresh");
			thread.setDaemon(true);
			return thread;
		});
		this.refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Reads the clients in MongoDB again and merges them over the configured ones. When MongoDB does
	 * not answer, the clients known so far stay as they are.
	 */
	public void refresh() {
		Map<String, ClientStore.StoredClient> stored;
		try {
			stored = this.store.all();
		}
		catch (RuntimeException ex) {
			log.warn("API clients not refreshed from MongoDB, keeping the {} known: {}", this.snapshot.byId.size(),
					ex.toString());
			return;
		}
		Map<String, ClientProperties.Client> merged = new LinkedHashMap<>(this.configured);
		stored.forEach((id, entry) -> {
			if (entry.revoked()) {
				merged.remove(id);
			}
			else {
				merged.put(id, entry.client());
			}
		});
		Snapshot previous = this.snapshot;
		Snapshot next = new Snapshot();
		merged.forEach((id, client) -> {
			try {
				next.register(id, client, this.masterKey, this.clock, previous.byId);
			}
			catch (RuntimeException ex) {
				// One bad client never stops the others' refresh (nor their revocations).
				log.warn("API client {} skipped: {}", id, ex.getMessage());
			}
		});
		this.snapshot = next;
	}

	/** Whether a client definition is complete and consistent; the message says what is wrong. */
	static void check(String id, ClientProperties.Client client) {
		if (!CLIENT_ID.matcher(id).matches()) {
			throw new IllegalArgumentException("client id '" + id + "' must be 1 to 128 letters, digits, '.', '_' or "
					+ "'-', starting with a letter or digit");
		}
		if (client.channels().isEmpty()) {
			throw new IllegalArgumentException("client " + id + " needs at least one channel");
		}
		channels(client);
		if (client.keySha256().size() > 2 || client.hmacGenerations().size() > 2) {
			throw new IllegalArgumentException("client " + id
					+ " has one key hash or HMAC generation, or two of each during a rotation");
		}
		if (client.keySha256().isEmpty() && client.hmacGenerations().isEmpty()) {
			throw new IllegalArgumentException("client " + id + " needs a key-sha256 or an hmac-generations entry");
		}
		for (String hash : client.keySha256()) {
			if (!SHA256_HEX.matcher(normalised(hash)).matches()) {
				throw new IllegalArgumentException("client " + id + ": key-sha256 must be 64 hex digits");
			}
		}
		if (client.permitsPerSecond() <= 0 || client.burst() < 1) {
			throw new IllegalArgumentException("client " + id + ": permits-per-second > 0 and burst >= 1");
		}
	}

	private static Set<Channel> channels(ClientProperties.Client client) {
		Set<Channel> channels = EnumSet.noneOf(Channel.class);
		for (String channel : client.channels()) {
			channels.add(Channel.fromWire(channel.strip().toLowerCase(Locale.ROOT)));
		}
		return channels;
	}

	private static String normalised(String hash) {
		return hash.strip().toLowerCase(Locale.ROOT);
	}

	/** The client whose key this is. */
	public Optional<ApiClient> authenticate(String presentedKey) {
		return Optional.ofNullable(this.snapshot.byKeyHash.get(sha256(presentedKey)));
	}

	/**
	 * The client that signed this request, if the signature verifies.
	 * @param clientId {@code X-Client-Id}
	 * @param timestamp {@code X-Timestamp}
	 * @param signature {@code X-Signature}
	 * @param pathAndQuery the request target as sent
	 * @param idempotencyKey {@code Idempotency-Key}, or null when there is none
	 * @throws SignatureRejectedException when it does not verify
	 */
	public ApiClient authenticateSigned(@Nullable String clientId, @Nullable String timestamp,
			@Nullable String signature, String method, String pathAndQuery, @Nullable String idempotencyKey,
			byte[] body) {
		SigningClient client = (clientId != null) ? this.snapshot.signing.get(clientId.strip()) : null;
		if (client == null) {
			// The same answer as for a bad signature: which client ids exist is nobody's business.
			throw SignatureRejectedException.invalid("The signature does not match the request.");
		}
		RequestSignatures.verify(client.secrets(), timestamp, signature, method, pathAndQuery, idempotencyKey, body,
				this.clock.instant(), this.signatureTolerance);
		return client.client();
	}

	/** How operators compute what to configure: {@code printf %s "$KEY" | sha256sum}. */
	public static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
	}

	/** A client that signs its requests, and its current secrets (two during a rotation). */
	private record SigningClient(ApiClient client, List<String> secrets) {

	}

	/** A client as registered, and the definition it was made from (to keep its bucket while unchanged). */
	private record Registered(ApiClient client, ClientProperties.Client definition) {

	}

	/** One consistent view of every client, replaced whole on each refresh. */
	private static final class Snapshot {

		private final Map<String, Registered> byId = new HashMap<>();

		private final Map<String, ApiClient> byKeyHash = new HashMap<>();

		private final Map<String, SigningClient> signing = new HashMap<>();

		void register(String id, ClientProperties.Client client, @Nullable String masterKey, Clock clock,
				Map<String, Registered> previous) {
			check(id, client);
			List<String> secrets = List.of();
			if (!client.hmacGenerations().isEmpty()) {
				if (masterKey == null || masterKey.length() < MIN_MASTER_KEY_LENGTH) {
					throw new IllegalArgumentException("client " + id + " signs its requests: set "
							+ "feedbackloop.ingest.security.hmac-master-key (FEEDBACKLOOP_HMAC_MASTER_KEY) to a "
							+ "random secret of at least " + MIN_MASTER_KEY_LENGTH + " characters");
				}
				secrets = client.hmacGenerations()
					.stream()
					.map((generation) -> RequestSignatures.deriveSecret(masterKey, id, generation))
					.toList();
			}
			Set<Channel> channels = channels(client);
			Registered before = previous.get(id);
			ApiClient apiClient = (before != null && sameLimits(before.definition(), client)
					&& before.client().channels().equals(channels)) ? before.client()
							: new ApiClient(id, Set.copyOf(channels),
									new TokenBucket(client.permitsPerSecond(), client.burst(), clock));
			Map<String, ApiClient> keys = new HashMap<>();
			for (String hash : client.keySha256()) {
				ApiClient other = this.byKeyHash.get(normalised(hash));
				if (other != null && !other.id().equals(id)) {
					throw new IllegalArgumentException("clients " + other.id() + " and " + id + " share a key");
				}
				keys.put(normalised(hash), apiClient);
			}
			this.byKeyHash.putAll(keys);
			this.byId.put(id, new Registered(apiClient, client));
			if (!secrets.isEmpty()) {
				this.signing.put(id, new SigningClient(apiClient, secrets));
			}
		}

		private static boolean sameLimits(ClientProperties.Client a, ClientProperties.Client b) {
			return a.permitsPerSecond() == b.permitsPerSecond() && a.burst() == b.burst();
		}

	}

}
