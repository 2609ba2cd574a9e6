package io.feedbackloop.ingest.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.security.ClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** A published pseudonym key would let anyone undo the pseudonyms of IP addresses and device ids. */
class PseudonymKeyTests {

	@ParameterizedTest
	@ValueSource(strings = { "local-development-pseudonym-key", "REPLACE-with-openssl-rand-base64-32" })
	void theServiceRefusesAPublishedKeyOutsideTheDemoNamingTheSetting(String published) {
		assertThatIllegalStateException().isThrownBy(() -> validator(published, false))
			.withMessageContaining("FEEDBACKLOOP_PSEUDONYM_KEY")
			.withMessageContaining("FEEDBACKLOOP_DEMO_CLIENT=true")
			.withMessageNotContaining(published);
		assertThatNoException().isThrownBy(() -> validator(published, true));
	}

	@Test
	void aKeyOfOnesOwnIsTakenWithOrWithoutTheDemo() {
		assertThatNoException().isThrownBy(() -> validator("k3Jq9v+0aZ1s5Xn2yW8tP4rL6mC7bD0e", false));
		assertThatNoException().isThrownBy(() -> validator("k3Jq9v+0aZ1s5Xn2yW8tP4rL6mC7bD0e", true));
	}

	@Test
	void theDefaultInApplicationYmlIsOneOfTheRefusedOnes() throws IOException {
		String yml;
		try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
			yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Matcher placeholder = Pattern.compile("pseudonym-key: \\$\\{FEEDBACKLOOP_PSEUDONYM_KEY:([^}]*)}").matcher(yml);
		assertThat(placeholder.find()).as("pseudonym-key's placeholder in application.yml").isTrue();
		String fallback = placeholder.group(1);
		assertThatIllegalStateException().isThrownBy(() -> validator(fallback, false));
	}

	private static FeedbackValidator validator(String key, boolean demo) {
		IngestProperties defaults = FeedbackValidatorTests.properties(10_000);
		IngestProperties properties = new IngestProperties(defaults.maxBodySize(), defaults.maxBatchBodySize(),
				defaults.maxBatchSize(), defaults.maxTextLength(), defaults.maxFutureSkew(), defaults.retryAfter(),
				defaults.statusTimeout(), defaults.defaultRegion(), defaults.defaultLanguage(), key,
				defaults.idempotency());
		return new FeedbackValidator(Clock.systemUTC(), properties,
				new ClientProperties(Map.of(), demo, null, Duration.ofMinutes(5), Duration.ofSeconds(10)));
	}

}
