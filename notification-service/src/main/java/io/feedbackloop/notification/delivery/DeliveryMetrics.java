package io.feedbackloop.notification.delivery;

import java.time.Duration;

import io.feedbackloop.notification.channel.ChannelType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** The delivery metrics; their meaning is listed in the module's README. */
@Component
class DeliveryMetrics {

	static final String SENT = "feedbackloop.notifications.sent";

	static final String FAILED = "feedbackloop.notifications.failed";

	static final String DEFERRED = "feedbackloop.notifications.deferred";

	static final String SKIPPED = "feedbackloop.notifications.skipped";

	static final String LATENCY = "feedbackloop.notifications.delivery.latency";

	static final String OUTBOX = "feedbackloop.notifications.outbox.size";

	/** The reason tag of a temporary failure (the message is retried). */
	static final String UNAVAILABLE = "unavailable";

	/** The reason tag of a message given up after {@code give-up-after}. */
	static final String EXPIRED = "expired";

	private final MeterRegistry meters;

	DeliveryMetrics(MeterRegistry meters, Outbox outbox) {
		this.meters = meters;
		Gauge.builder(OUTBOX, outbox, Outbox::size)
			.description("Messages in the outbox: queued, waiting to retry or deferred")
			.register(meters);
	}

	void sent(ChannelType channel, String template, Duration latency) {
		this.meters.counter(SENT, "channel", channel.wireName(), "template", template).increment();
		// A negative latency means a clock out of step with the one that stamped the event.
		if (!latency.isNegative()) {
			Timer.builder(LATENCY)
				.description("From the event that asked for the message to the provider's acceptance")
				.tags("channel", channel.wireName(), "template", template)
				.publishPercentileHistogram()
				.register(this.meters)
				.record(latency);
		}
	}

	void failed(ChannelType channel, String template, String reason) {
		this.meters.counter(FAILED, "channel", channel.wireName(), "template", template, "reason", reason).increment();
	}

	void deferred(ChannelType channel, String template, String reason) {
		this.meters.counter(DEFERRED, "channel", channel.wireName(), "template", template, "reason", reason)
			.increment();
	}

	void skipped(String template, String reason) {
		this.meters.counter(SKIPPED, "template", template, "reason", reason).increment();
	}

}
