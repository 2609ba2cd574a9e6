package io.feedbackloop.router.sla;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.platform.EventMessages;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.router.cases.CaseLifecycle;
import io.feedbackloop.router.sla.calendar.WorkingTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;

/**
 * Starts, pauses, resumes, stops and restarts a case's timers from its events on
 * {@code complaint.cases}: {@code complaint.routed.v1} starts first-response, internal-target and
 * resolution (from the receipt of the complaint) under the policy for the case's category, severity and
 * customer tier, and a later one (a re-route) moves the open timers to its facts;
 * {@code complaint.repeat-contact.v1} with a raised severity re-selects the policy and recomputes the open
 * timers; {@code complaint.responded.v1} with
 * {@code firstResponse} stops the first two and starts the periodic-update timer, each later reply
 * restarts it; {@code complaint.status-changed.v1} pauses every timer while the case waits for the
 * customer, resumes them when it leaves that status, stops them all when the case is closed and
 * restarts what the policy says when it is reopened. Transitions count from the event's own time, not
 * from when it was read. Each event once per consumer group; a redelivered event finds its transition
 * done (restarts are keyed by the event id) and only publishes the same {@code met} event again.
 */
class CaseTimers {

	static final String CONSUMER = "complaint-router.sla";

	private static final Logger log = LoggerFactory.getLogger(CaseTimers.class);

	/** The event types {@link #accept} acts on; the others on {@code complaint.cases} are dropped unread. */
	static final Set<String> HANDLED = Set.of(EventTypes.COMPLAINT_ROUTED.name(), EventTypes.COMPLAINT_RESPONDED.name(),
			EventTypes.COMPLAINT_STATUS_CHANGED.name(), EventTypes.COMPLAINT_REPEAT_CONTACT.name());

	private static final List<SlaTimerKind> OPENED = List.of(SlaTimerKind.FIRST_RESPONSE,
			SlaTimerKind.INTERNAL_TARGET, SlaTimerKind.RESOLUTION);

	private final TimerStore store;

	private final SlaRules rules;

	private final TimerEngine engine;

	private final EventPublisher publisher;

	private final SlaMetrics metrics;

	private final IdempotentConsumer idempotent;

	CaseTimers(TimerStore store, SlaRules rules, TimerEngine engine, EventPublisher publisher, SlaMetrics metrics,
			IdempotentConsumer idempotent) {
		this.store = store;
		this.rules = rules;
		this.engine = engine;
		this.publisher = publisher;
		this.metrics = metrics;
		this.idempotent = idempotent;
	}

	/**
	 * Whether a record of {@code complaint.cases} is one this consumer does nothing with, by its
	 * {@code ce_type} header alone: most records there are the timers' own {@code complaint.sla.*} events
	 * (two or more per timer fired), and converting, observing and decoding each of them only to ignore it
	 * took half of the service's CPU in the timer benchmark. A record without the header is kept (it is
	 * malformed, and {@link #accept} sends it to the dead-letter topic as before).
	 */
	static boolean ignored(ConsumerRecord<?, ?> record) {
		Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
		return type != null && type.value() != null
				&& !HANDLED.contains(new String(type.value(), StandardCharsets.UTF_8));
	}

	/** The Spring Cloud Stream entry point; a malformed event throws and goes to the dead-letter topic. */
	void accept(Message<byte[]> message) {
		EventMessages.read(message).ifPresent((event) -> {
			event.dataAs(EventTypes.COMPLAINT_ROUTED)
				.ifPresent((routed) -> this.idempotent.handleOnce(CONSUMER, event,
						(e) -> routed(routed, e.envelope().id())));
			event.dataAs(EventTypes.COMPLAINT_RESPONDED)
				.ifPresent((responded) -> this.idempotent.handleOnce(CONSUMER, event,
						(e) -> responded(responded, e.envelope().id())));
			event.dataAs(EventTypes.COMPLAINT_STATUS_CHANGED)
				.ifPresent((changed) -> this.idempotent.handleOnce(CONSUMER, event,
						(e) -> statusChanged(changed, e.envelope().id())));
			event.dataAs(EventTypes.COMPLAINT_REPEAT_CONTACT)
				.ifPresent((repeat) -> this.idempotent.handleOnce(CONSUMER, event, (e) -> repeatContact(repeat)));
		});
	}

	/**
	 * A routing decision: when the case was opened, its first-response, internal-target and resolution
	 * timers start at receipt; a re-route (a correction) moves its open timers to the new facts.
	 */
	void routed(ComplaintRouted routed, String eventId) {
		List<CaseTimer> existing = this.store.findByCase(routed.caseId());
		if (existing.isEmpty()) {
			opened(routed, eventId);
			return;
		}
		Instant at = millis(routed.routedAt());
		for (CaseTimer timer : existing) {
			if (timer.isOpen()) {
				CaseTimer.Facts facts = new CaseTimer.Facts(timer.facts().caseId(), timer.facts().customerId(),
						routed.department(), routed.category(), timer.facts().severity(), timer.facts().customerTier())
					.with(routed.severity(), routed.tier());
				update(timer, at, (t) -> this.rules.upToDate(t, facts, at));
			}
		}
	}

	/** A case was opened: its first-response, internal-target and resolution timers start at receipt. */
	void opened(ComplaintRouted routed, String eventId) {
		CaseTimer.Facts facts = new CaseTimer.Facts(routed.caseId(), routed.customerId(), routed.department(),
				routed.category(), routed.severity(), routed.tier());
		Policy policy = this.rules.policyFor(facts);
		Instant start = millis(routed.receivedAt());
		for (SlaTimerKind kind : OPENED) {
			Instant promised = (kind == SlaTimerKind.FIRST_RESPONSE) ? millis(routed.firstResponseDueAt()) : null;
			this.rules.setupFor(policy, kind, facts, start, promised)
				.map((setup) -> CaseTimer.start(facts, kind, setup, start, eventId, this.rules.timeOf(setup, facts)))
				.flatMap(this.store::insert)
				.ifPresent(this.engine::offer);
		}
	}

	/**
	 * The customer came back about the case: a raised severity (or a changed tier) re-selects the policy of
	 * its open timers, which are recomputed from their start (steps already fired stay fired).
	 */
	void repeatContact(RepeatContactRecorded repeat) {
		if (repeat.severity() == null && repeat.tier() == null) {
			return;
		}
		Instant at = millis(repeat.linkedAt());
		for (CaseTimer timer : this.store.findByCase(repeat.caseId())) {
			if (timer.isOpen()) {
				update(timer, at, (t) -> this.rules.upToDate(t, t.facts().with(repeat.severity(), repeat.tier()), at));
			}
		}
	}

	/**
	 * An agent answered: the first answer stops first-response and internal-target (met when in time)
	 * and starts the periodic-update timer; every later answer starts a new update interval.
	 */
	void responded(ComplaintResponded responded, String eventId) {
		List<CaseTimer> timers = this.store.findByCase(responded.caseId());
		if (timers.isEmpty()) {
			log.debug("No SLA timers for case {}: opened before the timers ran, or not a complaint",
					responded.caseId());
			return;
		}
		Instant at = millis(responded.respondedAt());
		if (responded.firstResponse()) {
			for (CaseTimer timer : timers) {
				if (timer.kind() == SlaTimerKind.FIRST_RESPONSE || timer.kind() == SlaTimerKind.INTERNAL_TARGET) {
					stop(timer, at, eventId);
				}
			}
		}
		startUpdates(timers, at, eventId);
	}

	/** The case moved: pause, resume, stop (closed or invalid: any ended status) or restart its timers; a changed severity or tier re-selects the policy. */
	void statusChanged(ComplaintStatusChanged changed, String eventId) {
		List<CaseTimer> timers = this.store.findByCase(changed.caseId());
		if (timers.isEmpty()) {
			log.debug("No SLA timers for case {}", changed.caseId());
			return;
		}
		Instant at = millis(changed.changedAt());
		Map<String, String> details = (changed.details() != null) ? changed.details() : Map.of();
		String severity = details.get("severity");
		String tier = details.get("customerTier");
		if (severity != null || tier != null) {
			for (CaseTimer timer : timers) {
				if (timer.isOpen()) {
					update(timer, at, (t) -> this.rules.upToDate(t, t.facts().with(severity, tier), at));
				}
			}
			timers = this.store.findByCase(changed.caseId());
		}
		CaseStatus to = changed.toStatus();
		if (!CaseLifecycle.isOpen(to)) {
			timers.forEach((timer) -> stop(timer, at, eventId));
		}
		else if (to == CaseStatus.REOPENED) {
			reopen(timers, at, eventId);
		}
		else if (to == CaseStatus.WAITING_FOR_CUSTOMER) {
			timers.forEach((timer) -> update(timer, at, (t) -> t.pause(at, this.rules.timeOf(t))));
		}
		else if (changed.fromStatus() == CaseStatus.WAITING_FOR_CUSTOMER) {
			timers.forEach((timer) -> update(timer, at, (t) -> t.resume(at, this.rules.timeOf(t))));
		}
	}

	private void stop(CaseTimer timer, Instant at, String eventId) {
		CaseTimer.Run before = timer.run();
		if (before.status() == CaseTimer.Status.STOPPED) {
			// A redelivery of the event that stopped it: publish the same met event again (same id).
			if (eventId.equals(before.stoppedBy()) && before.outcome() == CaseTimer.Outcome.MET) {
				publishMet(timer);
			}
			return;
		}
		Optional<CaseTimer> stopped = update(timer, at, (t) -> t.stop(at, eventId, this.rules.timeOf(t)));
		stopped.filter((t) -> eventId.equals(t.run().stoppedBy())).ifPresent((t) -> {
			if (t.run().outcome() == CaseTimer.Outcome.MET) {
				this.metrics.met(t);
				publishMet(t);
			}
			else if (t.run().outcome() == CaseTimer.Outcome.MISSED) {
				this.metrics.missed(t);
			}
		});
	}

	private void publishMet(CaseTimer stopped) {
		if (stopped.kind() != SlaTimerKind.PERIODIC_UPDATE) {
			this.publisher.publishAndWait(SlaEvents.met(stopped));
		}
	}

	private void reopen(List<CaseTimer> timers, Instant at, String eventId) {
		for (CaseTimer timer : timers) {
			Policy policy = this.rules.policyFor(timer.facts());
			if (policy.restartOnReopen().contains(timer.kind())) {
				update(timer, at, (t) -> t.restart(at, eventId, false, this.rules.timeOf(t)));
			}
		}
	}

	private void startUpdates(List<CaseTimer> timers, Instant at, String eventId) {
		Optional<CaseTimer> updates = timers.stream()
			.filter((t) -> t.kind() == SlaTimerKind.PERIODIC_UPDATE)
			.findFirst();
		boolean closed = timers.stream()
			.filter((t) -> t.kind() != SlaTimerKind.PERIODIC_UPDATE)
			.noneMatch(CaseTimer::isOpen);
		if (closed) {
			return;
		}
		boolean waiting = timers.stream().anyMatch((t) -> t.run().status() == CaseTimer.Status.PAUSED);
		if (updates.isPresent()) {
			update(updates.get(), at, (t) -> t.restart(at, eventId, waiting, this.rules.timeOf(t)));
			return;
		}
		CaseTimer.Facts facts = timers.get(0).facts();
		Policy policy = this.rules.policyFor(facts);
		this.rules.setupFor(policy, SlaTimerKind.PERIODIC_UPDATE, facts, at, null).map((setup) -> {
			WorkingTime time = this.rules.timeOf(setup, facts);
			CaseTimer started = CaseTimer.start(facts, SlaTimerKind.PERIODIC_UPDATE, setup, at, eventId, time);
			return waiting ? started.pause(at, time) : started;
		}).flatMap(this.store::insert).ifPresent(this.engine::offer);
	}

	/**
	 * Applies a transition by compare-and-set, re-reading and retrying when another writer (the engine
	 * recording a firing) got there first. The timer is brought up to the current policy and calendar
	 * on the way, and any lease is cleared (see {@link TimerEngine}).
	 * @return the stored timer, or empty when the transition changed nothing
	 */
	private Optional<CaseTimer> update(CaseTimer timer, Instant at, UnaryOperator<CaseTimer> transition) {
		CaseTimer current = timer;
		for (int attempt = 0; attempt < 20; attempt++) {
			CaseTimer upToDate = this.rules.upToDate(current, current.facts(), at);
			CaseTimer next = transition.apply(upToDate);
			if (next == current) {
				return Optional.empty();
			}
			Optional<CaseTimer> stored = this.store.replace(next.withLease(null), current);
			if (stored.isPresent()) {
				this.engine.offer(stored.get());
				return stored;
			}
			Optional<CaseTimer> reread = this.store.find(timer.id());
			if (reread.isEmpty()) {
				return Optional.empty();
			}
			current = reread.get();
		}
		throw new IllegalStateException("SLA timer " + timer.id() + " kept changing; the event is retried");
	}

	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

}
