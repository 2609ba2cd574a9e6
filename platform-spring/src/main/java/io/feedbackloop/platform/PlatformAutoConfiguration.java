package io.feedbackloop.platform;

import java.time.Clock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The platform's shared beans; every service gets them by having this module on its classpath. */
@AutoConfiguration(after = MongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
		return client.getDatabase(properties.getMongoClientDatabase());
	}

	/** Named so that Boot's {@code hello}-based indicator backs off. */
	@Bean(name = "mongoHealthContributor")
	HealthContributor mongoHealthContributor(MongoDatabase database) {
		return new MongoPingHealthIndicator(database);
	}

	@Bean
	@ConditionalOnMissingBean
	EventPublisher eventPublisher(PlatformProperties properties,
			@Value("${spring.application.name}") String serviceName) {
		return new EventPublisher(properties, serviceName);
	}

	@Bean
	@ConditionalOnMissingBean
	IdempotentConsumer idempotentConsumer(MongoDatabase database, Clock clock, MeterRegistry meters) {
		return new IdempotentConsumer(database, clock, meters);
	}

	@Bean
	MeterRegistryCustomizer<MeterRegistry> serviceTag(@Value("${spring.application.name}") String serviceName) {
		return (registry) -> registry.config().commonTags("service", serviceName);
	}

}
