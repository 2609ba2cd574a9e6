package io.feedbackloop.router.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.PublishFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Publishes the events waiting in case documents, in the order they were written, and removes each
 * once Kafka acknowledged it. Right after a change the writer publishes them itself; what a crash or
 * an unreachable broker left behind, {@link #relay()} publishes later. An event may so be published
 * twice, always with the same id: consumers recognise the repeat.
 */
@Component
public class CaseEventOutbox {

	private static final Logger log = LoggerFactory.getLogger(CaseEventOutbox.class);

	private final CaseStore store;

	private final EventPublisher publisher;

	private final Clock clock;

	private final Duration grace;

	private final MeterRegistry meters;

	CaseEventOutbox(CaseStore store, EventPublisher publisher, Clock clock, CasesProperties properties,
			MeterRegistry meters) {
		this.store = store;
		this.publisher = publisher;
		this.clock = clock;
		this.grace = properties.outboxRelayInterval();
		this.meters = meters;
	}

	/**
	 * Publishes the case's pending events.
	 * @throws PublishFailedException when Kafka did not acknowledge one; those before it are done
	 */
	public void publishPending(CaseId caseId) {
		publish(caseId, this.store.pendingEvents(caseId));
	}

	/**
	 * Publishes the case's pending events, or leaves them for the relay when Kafka does not answer.
	 * @return whether all were published
	 */
	public boolean tryPublishPending(CaseId caseId) {
		try {
			publishPending(caseId);
			return true;
		}
		catch (RuntimeException ex) {
			// Kafka did not answer, or MongoDB failed reading or clearing them: the change itself is stored,
			// and what it announces stays pending for the relay (the caller's answer is the change's).
			log.warn("Events of case {} left for the relay: {}", caseId.value(), ex.toString());
			return false;
		}
	}

	/**
	 * Publishes events left pending for longer than the relay interval (younger ones are most likely
	 * being published by the request that wrote them).
	 * @return how many cases had events published
	 */
	public int relay() {
		Instant cutoff = this.clock.instant().minus(this.grace);
		int relayed = 0;
		for (CaseId caseId : this.store.withPendingEvents(500)) {
			try {
				List<PendingEvent> pending = this.store.pendingEvents(caseId);
				if (pending.isEmpty() || pending.get(0).time().isAfter(cutoff)) {
					continue;
				}
				publish(caseId, pending);
				relayed++;
				this.meters.counter("feedbackloop.router.outbox.relayed").increment(pending.size());
			}
			catch (PublishFailedException ex) {
				log.warn("Relay could not publish the events of case {}: {}", caseId.value(), ex.getMessage());
				break;
			}
			catch (RuntimeException ex) {
				// This case's events only (one that cannot be read back, say): the other cases' go on.
				log.error("Relay could not publish the events of case {}", caseId.value(), ex);
				this.meters.counter("feedbackloop.router.outbox.failed").increment();
			}
		}
		return relayed;
	}

	private void publish(CaseId caseId, List<PendingEvent> pending) {
		List<String> published = new ArrayList<>();
		try {
			for (PendingEvent event : pending) {
				this.publisher.publishAndWait(event.toEvent());
				published.add(event.id());
			}
		}
		finally {
			this.store.removePendingEvents(caseId, published);
		}
	}

}
