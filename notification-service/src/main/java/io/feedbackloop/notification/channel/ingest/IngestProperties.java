package io.feedbackloop.notification.channel.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.ingest.*}: feedback-ingest, where survey answers are posted as
 * feedback.
 *
 * @param baseUrl feedback-ingest's base URL, such as {@code http://127.0.0.1:8080}
 * @param apiKey this service's API key as a channel system of feedback-ingest; blank sends none
 * @param apiKeyHeader the header the key goes in
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer
 */
@ConfigurationProperties("feedbackloop.notification.ingest")
public record IngestProperties(URI baseUrl, @DefaultValue("") String apiKey,
		@DefaultValue("X-Api-Key") String apiKeyHeader, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout) {

	public IngestProperties {
		Objects.requireNonNull(baseUrl, "feedbackloop.notification.ingest.base-url is required");
		String url = baseUrl.toString();
		baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
	}

}
