package io.feedbackloop.notification.channel.email;

import java.time.Clock;

import io.feedbackloop.notification.NotificationProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

	@Bean
	EmailSender emailSender(JavaMailSender mailSender, NotificationProperties properties, Clock clock) {
		return new EmailSender(mailSender, properties.fromAddress(), clock);
	}

}
