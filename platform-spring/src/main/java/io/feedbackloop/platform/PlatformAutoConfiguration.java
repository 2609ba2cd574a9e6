package io.feedbackloop.platform;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.feedbackloop.platform.consumer.OutageProperties;
import io.feedbackloop.platform.consumer.OutageTolerantErrorHandling;
import io.feedbackloop.platform.deadletter.DeadLetterHeadersInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.cloud.stream.binder.kafka.config.ClientFactoryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

/** The platform's shared beans; every service gets them by having this module on its classpath. */
@AutoConfiguration(after = MongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
@EnableConfigurationProperties({ PlatformProperties.class, OutageProperties.class })
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

	/** Fails MongoDB operations after 5 s without a server (the driver's default is 30 s). */
	@Bean
	MongoServerSelectionTimeout mongoServerSelectionTimeout(OutageProperties outage) {
		return new MongoServerSelectionTimeout(outage.mongodbServerSelectionTimeout());
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

	/**
	 * Every consumer binding: an outage of MongoDB or Kafka is retried without limit, holding the
	 * partition; anything else is retried as the binding says, then dead-lettered.
	 */
	@Bean
	OutageTolerantErrorHandling outageTolerantErrorHandling(OutageProperties outage, Environment environment,
			ObjectProvider<KafkaProperties> kafkaProperties, ObjectProvider<KafkaConnectionDetails> connectionDetails,
			ObjectProvider<ClientFactoryCustomizer> clientFactoryCustomizers, MeterRegistry meters) {
		// The binder's own configuration lives in its child context: bound again, the same way.
		Supplier<KafkaBinderConfigurationProperties> binder = () -> {
			KafkaBinderConfigurationProperties properties = new KafkaBinderConfigurationProperties(
					kafkaProperties.getIfAvailable(KafkaProperties::new), connectionDetails);
			return Binder.get(environment)
				.bind("spring.cloud.stream.kafka.binder", Bindable.ofInstance(properties))
				.orElse(properties);
		};
		return new OutageTolerantErrorHandling(outage, binder, clientFactoryCustomizers.orderedStream().toList(),
				meters);
	}

	@Bean
	MeterRegistryCustomizer<MeterRegistry> serviceTag(@Value("${spring.application.name}") String serviceName) {
		return (registry) -> registry.config().commonTags("service", serviceName);
	}

}
