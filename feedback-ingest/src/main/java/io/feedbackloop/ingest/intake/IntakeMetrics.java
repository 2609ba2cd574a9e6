package io.feedbackloop.ingest.intake;

import io.feedbackloop.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The intake's meters (listed in the module README). Channel tags only ever carry the four known
 * channels or {@code unknown}, never what a caller sent, so that a bad client cannot grow the
 * number of series.
 */
@Component
public class IntakeMetrics {

	static final String ACCEPTED = "feedbackloop.ingest.accepted";

	static final String REJECTED = "feedbackloop.ingest.rejected";

	static final String LATENCY = "feedbackloop.ingest.latency";

	static final String BROKER_FAILURES = "feedbackloop.ingest.broker.failures";

	static final String STATUS_WRITE_FAILURES = "feedbackloop.ingest.status.write.failures";

	private static final String UNKNOWN = "unknown";

	private final MeterRegistry registry;

	private final Timer acked;

	private final Timer failed;

	private final Counter brokerFailures;

	private final Counter statusWriteFailures;

	IntakeMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.acked = latency(registry, "acked");
		this.failed = latency(registry, "failed");
		this.brokerFailures = Counter.builder(BROKER_FAILURES)
			.description("Publishes Kafka did not acknowledge in time; each was answered 503")
			.register(registry);
		this.statusWriteFailures = Counter.builder(STATUS_WRITE_FAILURES)
			.description("Status documents not written after Kafka acknowledged (the record itself is safe)")
			.register(registry);
		for (Channel channel : Channel.values()) {
			acceptedCounter(channel);
		}
	}

	private static Timer latency(MeterRegistry registry, String outcome) {
		return Timer.builder(LATENCY)
			.description("From publishing a feedback record until Kafka acknowledged it (acks=all) or gave up")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(registry);
	}

	Timer.Sample startPublish() {
		return Timer.start(this.registry);
	}

	void acked(Timer.Sample sample) {
		sample.stop(this.acked);
	}

	void brokerFailed(Timer.Sample sample) {
		sample.stop(this.failed);
		this.brokerFailures.increment();
	}

	void accepted(Channel channel) {
		acceptedCounter(channel).increment();
	}

	void statusWriteFailed() {
		this.statusWriteFailures.increment();
	}

	/**
	 * Counts a submission answered with a 4xx.
	 * @param channel the channel, when the submission named a valid one
	 * @param reason the problem kind, such as {@code validation-failed}
	 */
	public void rejected(@Nullable Channel channel, String reason) {
		Counter.builder(REJECTED)
			.description("Submissions refused with a 4xx, by problem kind")
			.tag("channel", (channel != null) ? channel.wireName() : UNKNOWN)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	private Counter acceptedCounter(Channel channel) {
		return Counter.builder(ACCEPTED)
			.description("Submissions acknowledged by Kafka and answered 202")
			.tag("channel", channel.wireName())
			.register(this.registry);
	}

}
