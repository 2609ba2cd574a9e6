package io.feedbackloop.notification.channel.sms;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.sms.*}: the SMS gateway.
 *
 * @param baseUrl the gateway's base URL, such as {@code http://127.0.0.1:8025}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the gateway's answer; a timeout counts as a temporary
 * failure, so it is kept well below the consumer's poll interval
 */
@ConfigurationProperties("feedbackloop.notification.sms")
public record SmsGatewayProperties(URI baseUrl, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout) {

	public SmsGatewayProperties {
		Objects.requireNonNull(baseUrl, "feedbackloop.notification.sms.base-url is required");
	}

}
