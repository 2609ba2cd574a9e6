package io.feedbackloop.notification.pacing;

import com.mongodb.client.MongoDatabase;
import io.feedbackloop.notification.NotificationProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PacingConfiguration {

	@Bean
	CustomerTimeZones customerTimeZones(NotificationProperties notification, PacingProperties pacing) {
		return new CustomerTimeZones(notification.timeZone(), pacing.timeZonesByCallingCode());
	}

	@Bean
	QuietHours quietHours(PacingProperties pacing) {
		return new QuietHours(pacing.quietFrom(), pacing.quietUntil());
	}

	@Bean
	DailyCap dailyCap(MongoDatabase database, PacingProperties pacing) {
		return new DailyCap(database, pacing.dailyCap());
	}

}
