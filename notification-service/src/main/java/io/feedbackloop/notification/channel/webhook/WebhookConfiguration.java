package io.feedbackloop.notification.channel.webhook;

import java.time.Clock;

import io.feedbackloop.notification.channel.HttpProviders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	WebhookSender webhookSender(RestClient.Builder builder, WebhookProperties properties, WebhookSecrets secrets,
			Clock clock) {
		return new WebhookSender(HttpProviders.client(builder, properties.connectTimeout(), properties.readTimeout()),
				secrets, clock);
	}

}
