package io.feedbackloop.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.feedbackloop.contracts.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The registered clients, found by the SHA-256 of the key they present. Only hashes are configured:
 * keys are random and long (at least 128 bits), so a plain SHA-256 cannot be reversed and needs no
 * salt or slow KDF, and a leaked configuration gives nobody a key. During a rotation a client has
 * two hashes, and either key works.
 */
@Component
public class ClientRegistry {

	/** The published key of the demo client (bin/run-local, bin/demo-feedback, the end-to-end test). */
	public static final String DEMO_KEY = "demo-local-only-7f3c9a2e41b8d605";

	static final String DEMO_CLIENT = "demo";

	private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	/** At least 256 bits' worth of text: the master key protects every client's secret. */
	private static final int MIN_MASTER_KEY_LENGTH = 32;

	private final Map<String, ApiClient> byKeyHash = new HashMap<>();

	private final Map<String, SigningClient> signingClients = new HashMap<>();

	private final Clock clock;

	private final Duration signatureTolerance;

	ClientRegistry(ClientProperties properties, Clock clock) {
		this.clock = clock;
		this.signatureTolerance = properties.signatureTolerance();
		properties.clients().forEach((id, client) -> register(id, client, properties.hmacMasterKey(), clock));
		if (properties.demoClientEnabled()) {
			log.warn("The demo client '{}' with its published key is enabled: never do this in production",
					DEMO_CLIENT);
			register(DEMO_CLIENT, new ClientProperties.Client(List.of("phone", "sms", "web", "app"),
					List.of(sha256(DEMO_KEY)), List.of(), 1000, 2000), null, clock);
		}
		if (this.byKeyHash.isEmpty() && this.signingClients.isEmpty()) {
			log.warn("No clients are registered (feedbackloop.ingest.security.clients): every request will be "
					+ "answered 401");
		}
	}

	private void register(String id, ClientProperties.Client client, @Nullable String masterKey, Clock clock) {
		Set<Channel> channels = EnumSet.noneOf(Channel.class);
		for (String channel : client.channels()) {
			channels.add(Channel.fromWire(channel.strip().toLowerCase(Locale.ROOT)));
		}
		if (client.keySha256().size() > 2 || client.hmacGenerations().size() > 2) {
			throw new IllegalArgumentException("client " + id
					+ " has one key hash or HMAC generation, or two of each during a rotation");
		}
		if (client.keySha256().isEmpty() && client.hmacGenerations().isEmpty()) {
			throw new IllegalArgumentException("client " + id + " needs a key-sha256 or an hmac-generations entry");
		}
		ApiClient apiClient = new ApiClient(id, Set.copyOf(channels),
				new TokenBucket(client.permitsPerSecond(), client.burst(), clock));
		for (String hash : client.keySha256()) {
			String normalised = hash.strip().toLowerCase(Locale.ROOT);
			if (!SHA256_HEX.matcher(normalised).matches()) {
				throw new IllegalArgumentException("client " + id + ": key-sha256 must be 64 hex digits");
			}
			ApiClient previous = this.byKeyHash.put(normalised, apiClient);
			if (previous != null && !previous.id().equals(id)) {
				throw new IllegalArgumentException("clients " + previous.id() + " and " + id + " share a key");
			}
		}
		if (!client.hmacGenerations().isEmpty()) {
			if (masterKey == null || masterKey.strip().length() < MIN_MASTER_KEY_LENGTH) {
				throw new IllegalArgumentException("client " + id + " signs its requests: set "
						+ "feedbackloop.ingest.security.hmac-master-key (FEEDBACKLOOP_HMAC_MASTER_KEY) to a random "
						+ "secret of at least " + MIN_MASTER_KEY_LENGTH + " characters");
			}
			List<String> secrets = client.hmacGenerations()
				.stream()
				.map((generation) -> RequestSignatures.deriveSecret(masterKey.strip(), id, generation))
				.toList();
			this.signingClients.put(id, new SigningClient(apiClient, secrets));
		}
	}

	/**
	 * The client that signed this request, if the signature verifies.
	 * @param clientId {@code X-Client-Id}
	 * @param timestamp {@code X-Timestamp}
	 * @param signature {@code X-Signature}
	 * @param pathAndQuery the request target as sent
	 * @throws SignatureRejectedException when it does not verify
	 */
	public ApiClient authenticateSigned(@Nullable String clientId, @Nullable String timestamp,
			@Nullable String signature, String method, String pathAndQuery, byte[] body) {
		SigningClient client = (clientId != null) ? this.signingClients.get(clientId.strip()) : null;
		if (client == null) {
			// The same answer as for a bad signature: which client ids exist is nobody's business.
			throw SignatureRejectedException.invalid("The signature does not match the request.");
		}
		RequestSignatures.verify(client.secrets(), timestamp, signature, method, pathAndQuery, body,
				this.clock.instant(), this.signatureTolerance);
		return client.client();
	}

	/** A client that signs its requests, and its current secrets (two during a rotation). */
	private record SigningClient(ApiClient client, List<String> secrets) {

	}

	/** The client whose key this is. */
	public Optional<ApiClient> authenticate(String presentedKey) {
		return Optional.ofNullable(this.byKeyHash.get(sha256(presentedKey)));
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

}
