package io.feedbackloop.notification.channel.sms;

import io.feedbackloop.notification.channel.HttpProviders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	@Bean
	SmsSender smsSender(RestClient.Builder builder, SmsGatewayProperties properties) {
		return new SmsSender(HttpProviders
			.client(builder.clone().baseUrl(properties.baseUrl().toString()), properties.connectTimeout(),
					properties.readTimeout()));
	}

}
