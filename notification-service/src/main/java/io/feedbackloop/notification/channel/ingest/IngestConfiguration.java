package io.feedbackloop.notification.channel.ingest;

import io.feedbackloop.notification.channel.HttpProviders;
import io.feedbackloop.platform.security.SecurityProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	/** Survey answers' way back as feedback; refuses to start without a key outside the local demo. */
	@Bean
	IngestSender ingestSender(RestClient.Builder builder, IngestProperties properties, SecurityProperties security) {
		properties.requireKey(security.demoUsersEnabled());
		return new IngestSender(HttpProviders.client(builder, properties.connectTimeout(), properties.readTimeout()),
				properties);
	}

}
