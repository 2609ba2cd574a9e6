package io.feedbackloop.ingest.security;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.ingest.security.*}: the registered channel systems.
 *
 * @param clients by client id
 * @param demoClientEnabled registers the client {@code demo} with the published key
 * {@value ClientRegistry#DEMO_KEY}, allowed on every channel: for {@code bin/run-local}, the demo and
 * the end-to-end test only, never in production
 */
@ConfigurationProperties("feedbackloop.ingest.security")
public record ClientProperties(@DefaultValue Map<String, Client> clients,
		@DefaultValue("false") boolean demoClientEnabled) {

	/**
	 * @param channels the channels the client may post for ({@code phone}, {@code sms}, {@code web},
	 * {@code app})
	 * @param keySha256 the SHA-256 (64 hex digits) of each valid API key; two during a rotation
	 * @param permitsPerSecond the sustained rate of requests (a batch costs one permit per record)
	 * @param burst how many permits may be taken at once after a quiet period
	 */
	public record Client(List<String> channels, List<String> keySha256,
			@DefaultValue("200") double permitsPerSecond, @DefaultValue("500") int burst) {

	}

}
