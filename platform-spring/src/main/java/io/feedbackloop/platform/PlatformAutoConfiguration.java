package io.feedbackloop.platform;

import java.time.Clock;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.feedbackloop.platform.deadletter.DeadLetterHeadersInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

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
			@Value("${spring.application.name}") String serviceName, ObjectProvider<ObservationRegistry> observations) {
		return new EventPublisher(properties, serviceName, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean
	IdempotentConsumer idempotentConsumer(MongoDatabase database, Clock clock, MeterRegistry meters) {
		return new IdempotentConsumer(database, clock, meters);
	}

	/**
	 * Hands the meter registry to the dead-letter interceptor, which Kafka instantiates from its class
	 * name (Spring cannot inject it), through the configuration of the binder's producers.
	 */
	@Bean
	ClientFactoryCustomizer deadLetterMetrics(MeterRegistry meters) {
		return new ClientFactoryCustomizer() {

			@Override
			public void configure(ProducerFactory<?, ?> factory) {
				if (factory instanceof DefaultKafkaProducerFactory<?, ?> producers) {
					producers.updateConfigs(Map.of(DeadLetterHeadersInterceptor.METER_REGISTRY_CONFIG, meters));
				}
			}

		};
	}

	@Bean
	MeterRegistryCustomizer<MeterRegistry> serviceTag(@Value("${spring.application.name}") String serviceName) {
		return (registry) -> registry.config().commonTags("service", serviceName);
	}

}
