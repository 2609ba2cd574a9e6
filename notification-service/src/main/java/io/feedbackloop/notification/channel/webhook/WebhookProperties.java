package io.feedbackloop.notification.channel.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.webhook.*}: how staff systems are called.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer; a timeout is a temporary failure
 */
@ConfigurationProperties("feedbackloop.notification.webhook")
public record WebhookProperties(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {

}
