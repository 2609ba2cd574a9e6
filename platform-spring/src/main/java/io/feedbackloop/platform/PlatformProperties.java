package io.feedbackloop.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.kafka.*}: how this service publishes events.
 *
 * @param bootstrapServers the Kafka brokers
 * @param sendTimeout how long a publish may wait for the brokers' acknowledgement (metadata fetch
 * included) before it fails
 */
@ConfigurationProperties("feedbackloop.kafka")
public record PlatformProperties(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
		@DefaultValue("5s") Duration sendTimeout) {

}
