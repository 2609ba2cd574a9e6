package io.feedbackloop.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Fails a MongoDB operation after this long without a server instead of the driver's 30 s, so that a
 * consumer notices an outage soon and waits it out
 * ({@link io.feedbackloop.platform.consumer.OutageTolerantErrorHandling}) and a request answers 503
 * soon. Applied first: the connection string, applied after it by Boot, wins when it has a
 * {@code serverSelectionTimeoutMS}.
 */
class MongoServerSelectionTimeout implements MongoClientSettingsBuilderCustomizer, Ordered {

	private final Duration timeout;

	MongoServerSelectionTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public void customize(MongoClientSettings.Builder settings) {
		settings.applyToClusterSettings(
				(cluster) -> cluster.serverSelectionTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
