package io.feedbackloop.notification.survey;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import io.feedbackloop.platform.security.PublishedSecrets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.survey.*}: the satisfaction survey sent with the closing
 * confirmation.
 *
 * @param baseUrl where customers reach this service, such as {@code https://care.example.com}; the
 * survey link is {@code <base-url>/survey/<token>}
 * @param secret the HMAC key survey links are signed with (at least 16 characters); changing it
 * invalidates the links already sent
 * @param validFor how long a survey can be answered after it was sent
 */
@ConfigurationProperties("feedbackloop.notification.survey")
public record SurveyProperties(URI baseUrl, String secret, @DefaultValue("30d") Duration validFor) {

	/**
	 * Survey secrets written in this repository besides the Kubernetes placeholder: application.yml's local
	 * default and deploy/docker-compose.yml's former default.
	 */
	static final Set<String> PUBLISHED_SECRETS = Set.of("local-development-survey-secret",
			"change-me-before-exposing-survey-links");

	public SurveyProperties {
		Objects.requireNonNull(baseUrl, "feedbackloop.notification.survey.base-url is required");
		Objects.requireNonNull(secret, "SURVEY_SECRET (feedbackloop.notification.survey.secret) is required");
		if (secret.length() < 16) {
			throw new IllegalArgumentException(
					"SURVEY_SECRET (feedbackloop.notification.survey.secret) must have at least 16 characters");
		}
		String url = baseUrl.toString();
		baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
	}

	/**
	 * Refuses a published secret outside the local demo: with it anyone could sign survey links and
	 * answer any customer's survey.
	 * @param demo whether the published demo users are enabled ({@code FEEDBACKLOOP_DEMO_CLIENT=true}:
	 * {@code bin/run-local}, the tests), the one setting where a published secret is harmless
	 * @throws IllegalStateException naming {@code SURVEY_SECRET} when the secret is published and this
	 * is not the demo
	 */
	public void requireOwnSecret(boolean demo) {
		PublishedSecrets.requireOwn("SURVEY_SECRET", "feedbackloop.notification.survey.secret", this.secret,
				PUBLISHED_SECRETS, demo, "anyone could sign survey links with it");
	}

}
