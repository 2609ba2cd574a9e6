package io.feedbackloop.platform.consumer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.outage.*}: how a service waits out an outage of MongoDB or Kafka.
 *
 * @param retryInitialInterval the wait before a consumer tries an event again after the first failure
 * caused by an outage; it doubles with every further failure
 * @param retryMaxInterval the longest wait between two tries: an outage is retried without limit, at
 * least this often
 * @param mongodbServerSelectionTimeout how long an operation waits for a MongoDB server before it fails
 * (the driver's default is 30 s): longer than a replica set's election (about 10-12 s), so that a
 * failover or a rolling upgrade makes requests slow, not failed; a {@code serverSelectionTimeoutMS} in
 * the connection string wins
 */
@ConfigurationProperties("feedbackloop.outage")
public record OutageProperties(@DefaultValue("1s") Duration retryInitialInterval,
		@DefaultValue("30s") Duration retryMaxInterval, @DefaultValue("15s") Duration mongodbServerSelectionTimeout) {

}
