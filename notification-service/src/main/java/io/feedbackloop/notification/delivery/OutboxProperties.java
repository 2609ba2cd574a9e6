package io.feedbackloop.notification.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.outbox.*}: how the outbox is drained.
 *
 * @param pollInterval how often due messages are looked for (a consumed event also wakes the drainer)
 * @param batchSize how many messages one instance claims at a time
 * @param concurrency how many customers' messages are sent at once (the providers' bulkheads limit
 * each provider's share)
 * @param lease how long a claimed message is left to its instance before another may take it over;
 * longer than the slowest send with its quick retries
 * @param retryInitial the wait after the first temporary failure (and while a circuit is open)
 * @param retryMultiplier how much longer each further wait is
 * @param retryMax the longest wait between attempts
 * @param giveUpAfter a message not delivered this long after it was queued is recorded as failed
 * rather than sent late (a receipt days after the complaint helps nobody)
 * @param shutdownWait how long a stopping instance waits for the sends under way (the slowest send with its
 * quick retries; within the pod's grace period)
 */
@ConfigurationProperties("feedbackloop.notification.outbox")
public record OutboxProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("50") int batchSize,
		@DefaultValue("8") int concurrency, @DefaultValue("2m") Duration lease,
		@DefaultValue("5s") Duration retryInitial, @DefaultValue("2.0") double retryMultiplier,
		@DefaultValue("5m") Duration retryMax, @DefaultValue("3d") Duration giveUpAfter,
		@DefaultValue("30s") Duration shutdownWait) {

	public OutboxProperties {
		if (batchSize < 1 || concurrency < 1) {
			throw new IllegalArgumentException("feedbackloop.notification.outbox batch-size and concurrency must be positive");
		}
		if (retryMultiplier < 1) {
			throw new IllegalArgumentException("feedbackloop.notification.outbox.retry-multiplier must be at least 1");
		}
	}

	/** The wait before the next attempt after {@code failures} temporary failures in a row. */
	Duration backoff(int failures) {
		double millis = this.retryInitial.toMillis() * Math.pow(this.retryMultiplier, Math.max(0, failures - 1));
		return (millis >= this.retryMax.toMillis()) ? this.retryMax : Duration.ofMillis((long) millis);
	}

}
