package io.feedbackloop.notification.survey;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.feedbackloop.platform.security.SecurityProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The survey secret at start-up, through the bean that signs links: a secret published in this
 * repository (application.yml's local default, Compose's and Kubernetes' former defaults) is refused
 * unless the local demo is on ({@code FEEDBACKLOOP_DEMO_CLIENT=true}, the demo users' switch).
 */
class SurveySecretTests {

	private static final SecurityProperties PRODUCTION = new SecurityProperties(List.of(), false);

	private static final SecurityProperties DEMO = new SecurityProperties(List.of(), true);

	@ParameterizedTest
	@ValueSource(strings = { "local-development-survey-secret", "change-me-before-exposing-survey-links",
			"REPLACE-with-openssl-rand-base64-32" })
	void publishedSecretIsRefusedOutsideTheDemoNamingSurveySecret(String published) {
		assertThatIllegalStateException().isThrownBy(() -> tokens(published, PRODUCTION))
			.withMessageContaining("SURVEY_SECRET")
			.withMessageContaining("FEEDBACKLOOP_DEMO_CLIENT=true")
			.withMessageNotContaining(published);
	}

	@ParameterizedTest
	@ValueSource(strings = { "local-development-survey-secret", "change-me-before-exposing-survey-links" })
	void publishedSecretIsAllowedInTheLocalDemo(String published) {
		assertThat(tokens(published, DEMO)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void ownSecretIsAllowed(boolean demo) {
		assertThat(tokens("q4Zs8WmX1pR7tY2uV9nB3cD6", demo ? DEMO : PRODUCTION)).isNotNull();
	}

	private static SurveyTokens tokens(String secret, SecurityProperties security) {
		SurveyProperties properties = new SurveyProperties(URI.create("https://care.example.test"), secret,
				Duration.ofDays(30));
		return new SurveyConfiguration().surveyTokens(properties, security);
	}

}
