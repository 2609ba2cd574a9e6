package io.feedbackloop.notification.survey;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

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
	 * Survey secrets written in this repository, so known to anyone: application.yml's local default,
	 * deploy/docker-compose.yml's former default and the placeholder of deploy/k8s/kustomization.yaml.
	 */
	static final Set<String> PUBLISHED_SECRETS = Set.of("local-development-survey-secret",
			"change-me-before-exposing-survey-links", "REPLACE-with-openssl-rand-base64-32");

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
		if (!demo && PUBLISHED_SECRETS.contains(this.secret.strip())) {
			throw new IllegalStateException("SURVEY_SECRET (feedbackloop.notification.survey.secret) is a value "
					+ "published in the Feedback Loop repository, so anyone could sign survey links with it: set "
					+ "SURVEY_SECRET to a secret of your own (at least 16 characters, e.g. from openssl rand -base64 32). "
					+ "Only the local demo (FEEDBACKLOOP_DEMO_CLIENT=true) may run with a published secret.");
		}
	}

}
