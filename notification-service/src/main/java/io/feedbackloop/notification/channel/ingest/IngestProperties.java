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
 * @param apiKey this service's API key as a channel system of feedback-ingest; blank sends none, which
 * only the local demo may do ({@link #requireKey(boolean)})
 * @param apiKeyHeader the header the key goes in
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer
 */
@ConfigurationProperties("feedbackloop.notification.ingest")
public record IngestProperties(URI baseUrl, @DefaultValue("") String apiKey,
		@DefaultValue("X-Api-Key") String apiKeyHeader, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout) {

	/** The placeholder of {@code FEEDBACK_INGEST_API_KEY} in {@code deploy/k8s/kustomization.yaml}. */
	static final String KUBERNETES_PLACEHOLDER = "REPLACE-with-the-key-registered-in-feedback-ingest";

	public IngestProperties {
		Objects.requireNonNull(baseUrl, "feedbackloop.notification.ingest.base-url is required");
		String url = baseUrl.toString();
		baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
	}

	/**
	 * Refuses to start without a key of this service's own outside the local demo: feedback-ingest would
	 * answer every survey answer {@code 401}, and customers' ratings would be lost after the retries.
	 * @param demo whether this is the local demo ({@code FEEDBACKLOOP_DEMO_CLIENT=true}: {@code bin/run-local},
	 * the tests), where feedback-ingest may be a stub
	 * @throws IllegalStateException naming {@code FEEDBACK_INGEST_API_KEY} when the key is blank or still the
	 * Kubernetes placeholder and this is not the demo
	 */
	public void requireKey(boolean demo) {
		String key = this.apiKey.strip();
		if (!demo && (key.isEmpty() || key.equals(KUBERNETES_PLACEHOLDER))) {
			throw new IllegalStateException("FEEDBACK_INGEST_API_KEY (feedbackloop.notification.ingest.api-key) is "
					+ (key.isEmpty() ? "not set" : "still the placeholder of deploy/k8s/kustomization.yaml")
					+ ": feedback-ingest would refuse every survey answer (401). Register a key for notification-service "
					+ "in feedback-ingest (channel web; feedback-ingest/README.md, Clients) and set it here. Only the "
					+ "local demo (FEEDBACKLOOP_DEMO_CLIENT=true) may run without one.");
		}
	}

}
