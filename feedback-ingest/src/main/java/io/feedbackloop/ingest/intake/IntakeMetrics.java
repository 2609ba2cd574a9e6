package io.feedbackloop.ingest.intake;

import java.util.concurrent.atomic.AtomicInteger;

import io.feedbackloop.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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

	static final String DUPLICATES = "feedbackloop.ingest.duplicates";

	static final String CLAIM_WRITE_FAILURES = "feedbackloop.ingest.claim.write.failures";

	static final String REQUESTS = "feedbackloop.ingest.requests";

	static final String IN_FLIGHT = "feedbackloop.ingest.in.flight";

	static final String STORE = "feedbackloop.ingest.store";

	private static final String UNKNOWN = "unknown";

	private final MeterRegistry registry;

	private final Timer acked;

	private final Timer failed;

	private final Timer claimWait;

	private final Timer recordWait;

	private final Counter brokerFailures;

	private final Counter statusWriteFailures;

	private final Counter claimWriteFailures;

	private final AtomicInteger inFlight = new AtomicInteger();

	IntakeMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.acked = latency(registry, "acked");
		this.failed = latency(registry, "failed");
		this.claimWait = store(registry, "claim");
		this.recordWait = store(registry, "record");
		this.brokerFailures = Counter.builder(BROKER_FAILURES)
			.description("Records Kafka did not acknowledge in time; each was answered 503")
			.register(registry);
		this.statusWriteFailures = Counter.builder(STATUS_WRITE_FAILURES)
			.description("Status documents not written after Kafka acknowledged (the record itself is safe)")
			.register(registry);
		this.claimWriteFailures = Counter.builder(CLAIM_WRITE_FAILURES)
			.description("Idempotency claims not marked published after Kafka acknowledged (the record is safe)")
			.register(registry);
		Gauge.builder(IN_FLIGHT, this.inFlight, AtomicInteger::get)
			.description("Intake requests (single and batch) being processed right now")
			.register(registry);
		for (Channel channel : Channel.values()) {
			acceptedCounter(channel);
			duplicateCounter(channel);
		}
	}

	/** Starts observing one intake request: in flight until {@link #requestDone} is called. */
	public Timer.Sample requestStarted() {
		this.inFlight.incrementAndGet();
		return Timer.start(this.registry);
	}

	/**
	 * @param endpoint {@code single} or {@code batch}
	 * @param status the HTTP status answered
	 */
	public void requestDone(Timer.Sample sample, String endpoint, int status) {
		this.inFlight.decrementAndGet();
		sample.stop(Timer.builder(REQUESTS)
			.description("Intake requests from arrival to answer, by endpoint and HTTP status")
			.tag("endpoint", endpoint)
			.tag("status", String.valueOf(status))
			.publishPercentileHistogram()
			.register(this.registry));
	}

	private static Timer latency(MeterRegistry registry, String outcome) {
		return Timer.builder(LATENCY)
			.description("From publishing a feedback record until Kafka acknowledged it (acks=all) or gave up")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(registry);
	}

	/**
	 * @param step {@code claim} (the idempotency claim before publishing) or {@code record} (the claim's
	 * published mark and the status document, after Kafka acknowledged)
	 */
	private static Timer store(MeterRegistry registry, String step) {
		return Timer.builder(STORE)
			.description("Time a request waited for its MongoDB writes (group-committed with concurrent requests)")
			.tag("step", step)
			.publishPercentileHistogram()
			.register(registry);
	}

	Timer.Sample startStore() {
		return Timer.start(this.registry);
	}

	void claimed(Timer.Sample sample) {
		sample.stop(this.claimWait);
	}

	void recorded(Timer.Sample sample) {
		sample.stop(this.recordWait);
	}

	Timer.Sample startPublish() {
		return Timer.start(this.registry);
	}

	void acked(Timer.Sample sample) {
		sample.stop(this.acked);
	}

	void brokerFailed(Timer.Sample sample, int records) {
		sample.stop(this.failed);
		this.brokerFailures.increment(records);
	}

	void duplicate(Channel channel) {
		duplicateCounter(channel).increment();
	}

	void claimWriteFailed() {
		this.claimWriteFailures.increment();
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

	private Counter duplicateCounter(Channel channel) {
		return Counter.builder(DUPLICATES)
			.description("Repeats of an accepted record, answered 200 with the original feedback id")
			.tag("channel", channel.wireName())
			.register(this.registry);
	}

	private Counter acceptedCounter(Channel channel) {
		return Counter.builder(ACCEPTED)
			.description("Submissions acknowledged by Kafka and answered 202")
			.tag("channel", channel.wireName())
			.register(this.registry);
	}

}
