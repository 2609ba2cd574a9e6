package io.feedbackloop.notification.channel.ingest;

import io.feedbackloop.notification.channel.HttpProviders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	IngestSender ingestSender(RestClient.Builder builder, IngestProperties properties) {
		return new IngestSender(HttpProviders.client(builder, properties.connectTimeout(), properties.readTimeout()),
				properties);
	}

}
