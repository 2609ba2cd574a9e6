package io.feedbackloop.notification.survey;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

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

	public SurveyProperties {
		Objects.requireNonNull(baseUrl, "feedbackloop.notification.survey.base-url is required");
		Objects.requireNonNull(secret, "feedbackloop.notification.survey.secret is required");
		if (secret.length() < 16) {
			throw new IllegalArgumentException("feedbackloop.notification.survey.secret must have at least 16 characters");
		}
		String url = baseUrl.toString();
		baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
	}

}
