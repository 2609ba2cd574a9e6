package io.feedbackloop.notification.channel.sms;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	@Bean
	SmsSender smsSender(RestClient.Builder builder, SmsGatewayProperties properties) {
		// Boot's builder brings the JSON converters and the http.client.requests observation.
		RestClient client = builder.clone()
			.baseUrl(properties.baseUrl().toString())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.build(HttpClientSettings.defaults()
					.withTimeouts(properties.connectTimeout(), properties.readTimeout())))
			.build();
		return new SmsSender(client);
	}

}
