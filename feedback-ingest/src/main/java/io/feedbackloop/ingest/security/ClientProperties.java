package io.feedbackloop.ingest.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.ingest.security.*}: the registered channel systems.
 *
 * @param clients by client id
 * @param demoClientEnabled registers the client {@code demo} with the published key
 * {@value ClientRegistry#DEMO_KEY}, allowed on every channel: for {@code bin/run-local}, the demo and
 * the end-to-end test only, never in production
 * @param hmacMasterKey the key every HMAC client secret is derived from (see
 * {@link RequestSignatures#deriveSecret}); needed only when a client signs its requests; from the
 * environment ({@code FEEDBACKLOOP_HMAC_MASTER_KEY}), never from a file in the repository
 * @param signatureTolerance how far a signed request's timestamp may lie from the server's clock,
 * either way
 * @param refreshInterval how often the clients in MongoDB ({@code api_clients}) are read again
 */
@ConfigurationProperties("feedbackloop.ingest.security")
public record ClientProperties(@DefaultValue Map<String, Client> clients,
		@DefaultValue("false") boolean demoClientEnabled, @Nullable String hmacMasterKey,
		@DefaultValue("5m") Duration signatureTolerance, @DefaultValue("10s") Duration refreshInterval) {

	/**
	 * @param channels the channels the client may post for ({@code phone}, {@code sms}, {@code web},
	 * {@code app})
	 * @param keySha256 the SHA-256 (64 hex digits) of each valid API key; two during a rotation
	 * @param hmacGenerations the generations of the client's HMAC secret that are valid (two during a
	 * rotation); empty when the client does not sign its requests
	 * @param permitsPerSecond the sustained rate of requests (a batch costs one permit per record)
	 * @param burst how many permits may be taken at once after a quiet period
	 */
	public record Client(List<String> channels, @DefaultValue List<String> keySha256,
			@DefaultValue List<Integer> hmacGenerations, @DefaultValue("200") double permitsPerSecond,
			@DefaultValue("500") int burst) {

	}

}
