package io.feedbackloop.notification.channel.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.feedbackloop.platform.security.SecurityProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * notification-service's key at feedback-ingest, at start-up through the bean that posts survey answers:
 * without one (or with the Kubernetes placeholder) every answer would be refused {@code 401} and lost,
 * so only the local demo may start so.
 */
class IngestKeyTests {

	private static final SecurityProperties PRODUCTION = new SecurityProperties(List.of(), false);

	private static final SecurityProperties DEMO = new SecurityProperties(List.of(), true);

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "REPLACE-with-the-key-registered-in-feedback-ingest" })
	void missingOrPlaceholderKeyIsRefusedOutsideTheDemoNamingTheSetting(String key) {
		assertThatIllegalStateException().isThrownBy(() -> sender(key, PRODUCTION))
			.withMessageContaining("FEEDBACK_INGEST_API_KEY")
			.withMessageContaining("FEEDBACKLOOP_DEMO_CLIENT=true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "REPLACE-with-the-key-registered-in-feedback-ingest" })
	void theLocalDemoMayRunWithoutAKey(String key) {
		assertThat(sender(key, DEMO)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aKeyOfItsOwnIsAllowed(boolean demo) {
		assertThat(sender("9f2c1e7b4a0d63581e2f7c9b0a4d6e13", demo ? DEMO : PRODUCTION)).isNotNull();
	}

	private static IngestSender sender(String key, SecurityProperties security) {
		IngestProperties properties = new IngestProperties(URI.create("http://ingest.example.test"), key, "X-Api-Key",
				Duration.ofSeconds(2), Duration.ofSeconds(10));
		return new IngestConfiguration().ingestSender(RestClient.builder(), properties, security);
	}

}
