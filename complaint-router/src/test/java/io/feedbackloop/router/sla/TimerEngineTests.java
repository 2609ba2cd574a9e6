package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.SlaBreached;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.SlaWarning;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.router.sla.calendar.CalendarDefinition;
import io.feedbackloop.router.sla.calendar.WorkingTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timer engine against the real broker and MongoDB-wire server, with a clock the test moves: firing
 * at the due instant, several instances sharing the timers, an instance dying between claim, publish and
 * record, an outage swept up, and a changed calendar recomputing open timers.
 */
class TimerEngineTests {

	private static final Instant RECEIVED = Instant.parse("2026-11-23T02:00:00Z");

	private final SlaHarness harness = new SlaHarness(RECEIVED);

	private final SlaRules rules = SlaFixtures.rules(SlaFixtures.standard());

	@AfterEach
	void dropDatabase() {
		this.harness.close();
	}

	@Test
	void aTimerFiresAtItsDueInstantAndNotAMillisecondBefore() {
		TimerEngine engine = this.harness.engine(this.rules);
		CaseTimer timer = insert(firstResponse());
		Instant warningAt = RECEIVED.plus(Duration.ofHours(12));

		this.harness.clock.set(warningAt.minusMillis(1));
		engine.refresh();
		assertThat(engine.nextDue()).contains(warningAt);
		assertThat(engine.fireDue()).isZero();

		this.harness.clock.set(warningAt);
		assertThat(engine.fireDue()).isEqualTo(1);

		List<ConsumerRecord<String, byte[]>> events = SlaHarness.allSlaEvents(customer(timer));
		assertThat(events).hasSize(1);
		assertThat(SlaHarness.type(events.get(0))).isEqualTo(EventTypes.SLA_WARNING.name());
		assertThat(SlaHarness.id(events.get(0))).isEqualTo(SlaEvents.eventId(timer, 0, "warning-50"));
		SlaWarning warning = EventCodec.decodeData(events.get(0).value(), SlaWarning.class);
		assertThat(warning.caseId()).isEqualTo(timer.facts().caseId());
		assertThat(warning.timer()).isEqualTo(SlaTimerKind.FIRST_RESPONSE);
		assertThat(warning.policyId()).isEqualTo("standard");
		assertThat(warning.fraction()).isEqualTo(0.5);
		assertThat(warning.scheduledAt()).isEqualTo(warningAt);
		assertThat(warning.dueAt()).isEqualTo(RECEIVED.plus(Duration.ofHours(24)));
		assertThat(warning.latenessMs()).isZero();
		CaseTimer stored = this.harness.store().find(timer.id()).orElseThrow();
		assertThat(stored.run().done()).containsExactly("warning-50");
		assertThat(stored.nextFireAt()).isEqualTo(RECEIVED.plus(Duration.ofHours(18)));
		assertThat(stored.lease()).isNull();
		assertThat(this.harness.meters.get("feedbackloop.sla.firing.lateness").timer().count()).isEqualTo(1);
	}

	@Test
	void theNextStepOfAFiredTimerIsScheduledAndFiresInTurn() {
		TimerEngine engine = this.harness.engine(this.rules);
		CaseTimer timer = insert(firstResponse());

		List<String> fired = new ArrayList<>();
		for (int hours : new int[] { 12, 18, 24, 28, 36 }) {
			this.harness.clock.set(RECEIVED.plus(Duration.ofHours(hours)));
			engine.refresh();
			engine.fireDue();
		}
		SlaHarness.allSlaEvents(customer(timer)).forEach((r) -> fired.add(SlaHarness.type(r)));

		assertThat(fired).containsExactly(EventTypes.SLA_WARNING.name(), EventTypes.SLA_WARNING.name(),
				EventTypes.SLA_BREACHED.name(), EventTypes.SLA_ESCALATED.name(), EventTypes.SLA_ESCALATED.name(),
				EventTypes.SLA_ESCALATED.name());
		assertThat(this.harness.store().find(timer.id()).orElseThrow().nextFireAt()).isNull();
	}

	@Test
	void severalInstancesFiringTheSameTimersAtOncePublishEachStepOnce() throws Exception {
		List<CaseTimer> timers = new ArrayList<>();
		CustomerId customer = CustomerId.of("cust-sla-" + java.util.UUID.randomUUID());
		// More than one query's worth of ids (TimerStore.IDS_PER_QUERY): claims read and release in several.
		int count = 2 * TimerStore.IDS_PER_QUERY + 22;
		for (int i = 0; i < count; i++) {
			timers.add(insert(SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "network", customer),
					SlaTimerKind.FIRST_RESPONSE, RECEIVED)));
		}
		List<TimerEngine> engines = List.of(this.harness.engine(this.rules), this.harness.engine(this.rules),
				this.harness.engine(this.rules));
		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(12)));
		engines.forEach(TimerEngine::refresh);

		ExecutorService pool = Executors.newFixedThreadPool(engines.size());
		List<Future<Integer>> results = new ArrayList<>();
		try {
			for (TimerEngine engine : engines) {
				results.add(pool.submit((Callable<Integer>) engine::fireDue));
			}
			int published = 0;
			for (Future<Integer> result : results) {
				published += result.get();
			}
			assertThat(published).isEqualTo(count);
		}
		finally {
			pool.shutdownNow();
		}
		List<ConsumerRecord<String, byte[]>> events = SlaHarness.allSlaEvents(customer.value());
		assertThat(events).extracting(SlaHarness::id)
			.containsExactlyInAnyOrderElementsOf(timers.stream().map((t) -> SlaEvents.eventId(t, 0, "warning-50")).toList());
	}

	@Test
	void aTimerClaimedByAnInstanceThatDiedIsFiredByAnotherOnceItsLeaseRunsOut() {
		CaseTimer timer = insert(firstResponse());
		Instant warningAt = RECEIVED.plus(Duration.ofHours(12));
		this.harness.clock.set(warningAt);
		// The dead instance claimed the timer from its hint, then died before publishing.
		claimAsDeadInstance(timer, warningAt);

		TimerEngine survivor = this.harness.engine(this.rules);
		survivor.refresh();
		assertThat(survivor.fireDue()).isZero();

		this.harness.clock.set(warningAt.plus(SlaHarness.ENGINE.lease()));
		assertThat(survivor.fireDue()).isEqualTo(1);
		List<ConsumerRecord<String, byte[]>> events = SlaHarness.allSlaEvents(customer(timer));
		assertThat(events).extracting(SlaHarness::id).containsExactly(SlaEvents.eventId(timer, 0, "warning-50"));
		SlaWarning warning = EventCodec.decodeData(events.get(0).value(), SlaWarning.class);
		assertThat(warning.latenessMs()).isEqualTo(SlaHarness.ENGINE.lease().toMillis());
	}

	@Test
	void aStepPublishedByAnInstanceThatDiedBeforeRecordingItReachesEachConsumerOnce() {
		CaseTimer timer = insert(firstResponse());
		Instant breachAt = RECEIVED.plus(Duration.ofHours(24));
		TimerEngine first = this.harness.engine(this.rules);
		for (int hours : new int[] { 12, 18 }) {
			this.harness.clock.set(RECEIVED.plus(Duration.ofHours(hours)));
			first.refresh();
			first.fireDue();
		}
		this.harness.clock.set(breachAt);
		CaseTimer atBreach = this.harness.store().find(timer.id()).orElseThrow();
		assertThat(atBreach.run().done()).containsExactly("warning-50", "warning-75");

		// The instance that fires the breach publishes it and dies before recording it.
		CaseTimer claimed = claimAsDeadInstance(atBreach, breachAt);
		WorkingTime wall = WorkingTime.WALL_CLOCK;
		for (CaseTimer.PlannedStep step : claimed.dueSteps(breachAt, wall)) {
			this.harness.publisher().publishAndWait(SlaEvents.of(claimed, step, breachAt));
		}

		// Restarted: a new engine, nothing in memory, loads the schedule from MongoDB.
		TimerEngine restarted = this.harness.engine(this.rules);
		this.harness.clock.set(breachAt.plus(Duration.ofSeconds(20)));
		restarted.refresh();
		assertThat(restarted.fireDue()).isEqualTo(2);

		List<ConsumerRecord<String, byte[]>> records = SlaHarness.allSlaEvents(customer(timer));
		// On the topic: the two warnings, the dead instance's breach and first escalation, and the same
		// two again, with the same ids.
		Map<String, Long> distinct = SlaHarness.distinctByType(records);
		assertThat(distinct).containsEntry(EventTypes.SLA_BREACHED.name(), 1L)
			.containsEntry(EventTypes.SLA_ESCALATED.name(), 1L);
		assertThat(records).filteredOn((r) -> SlaHarness.type(r).equals(EventTypes.SLA_BREACHED.name())).hasSize(2);
		// A consumer that handles each event once (every service's IdempotentConsumer) acts once.
		IdempotentConsumer downstream = new IdempotentConsumer(this.harness.database, this.harness.clock,
				this.harness.meters);
		AtomicInteger breachesSeen = new AtomicInteger();
		for (ConsumerRecord<String, byte[]> record : records) {
			Event<?> event = EventCodec.decode((name) -> {
				var header = record.headers().lastHeader(name);
				return (header != null) ? header.value() : null;
			}, record.key(), record.value());
			event.dataAs(EventTypes.SLA_BREACHED)
				.ifPresent((b) -> downstream.handleOnce("churn-analyzer.test", event, (e) -> breachesSeen.incrementAndGet()));
		}
		assertThat(breachesSeen).hasValue(1);
		SlaBreached breach = EventCodec.decodeData(records.stream()
			.filter((r) -> SlaHarness.type(r).equals(EventTypes.SLA_BREACHED.name()))
			.findFirst()
			.orElseThrow()
			.value(), SlaBreached.class);
		assertThat(breach.dueAt()).isEqualTo(breachAt);
		CaseTimer after = this.harness.store().find(timer.id()).orElseThrow();
		assertThat(after.run().done()).contains("breach", "escalation-1");
		assertThat(after.run().breachedAt()).isEqualTo(breachAt);
		assertThat(after.nextFireAt()).isEqualTo(breachAt.plus(Duration.ofHours(4)));
	}

	@Test
	void aDayLongOutageIsSweptUpAndOnlyTheStepsThatStillMatterArePublished() {
		CaseTimer timer = insert(firstResponse());
		// Nothing ran for 25 hours: the hints are far behind every refresh window.
		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(25)));
		TimerEngine engine = this.harness.engine(this.rules);
		engine.refresh();
		assertThat(engine.fireDue()).isZero();

		engine.sweep();
		assertThat(engine.fireDue()).isEqualTo(2);

		assertThat(SlaHarness.allSlaEvents(customer(timer))).extracting(SlaHarness::type)
			.containsExactly(EventTypes.SLA_BREACHED.name(), EventTypes.SLA_ESCALATED.name());
		assertThat(this.harness.meters.get("feedbackloop.sla.warnings.skipped").counter().count()).isEqualTo(2);
	}

	@Test
	void aHintMadeStaleByAPauseFiresNothingAndTheResumedTimerFiresAtTheShiftedInstant() {
		TimerEngine engine = this.harness.engine(this.rules);
		TimerStore store = this.harness.store();
		CaseTimer timer = insert(firstResponse());
		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(11)));
		engine.refresh();
		CaseTimer paused = store.replace(timer.pause(RECEIVED.plus(Duration.ofHours(11)), WorkingTime.WALL_CLOCK),
				timer).orElseThrow();

		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(12)));
		assertThat(engine.fireDue()).isZero();

		store.replace(paused.resume(RECEIVED.plus(Duration.ofHours(13)), WorkingTime.WALL_CLOCK), paused)
			.orElseThrow();
		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(14)).minusMillis(1));
		engine.refresh();
		assertThat(engine.fireDue()).isZero();
		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(14)));
		assertThat(engine.fireDue()).isEqualTo(1);
		assertThat(SlaHarness.allSlaEvents(customer(timer))).hasSize(1);
	}

	@Test
	void bucketsWhoseHintsAreAllSettledAreDeletedOnceBehindTheLookback() {
		TimerEngine engine = this.harness.engine(this.rules);
		insert(firstResponse());
		Instant warningAt = RECEIVED.plus(Duration.ofHours(12));
		this.harness.clock.set(warningAt);
		engine.refresh();
		engine.fireDue();
		long before = this.harness.database.getCollection(TimerStore.SCHEDULE).countDocuments(Filters.lt("slot",
				java.util.Date.from(warningAt.plusSeconds(1))));

		this.harness.clock.set(warningAt.plus(SlaHarness.ENGINE.lookback()).plus(Duration.ofSeconds(20)));
		engine.refresh();

		long after = this.harness.database.getCollection(TimerStore.SCHEDULE).countDocuments(Filters.lt("slot",
				java.util.Date.from(warningAt.plusSeconds(1))));
		assertThat(before).isEqualTo(1);
		assertThat(after).isZero();
	}

	@Test
	void aChangedCalendarRecomputesTheOpenTimersWhenAnInstanceStartsWithIt() {
		// Internal target, 12 business hours from Monday 10:00 Shanghai: due Tuesday 16:00 (08:00 UTC).
		CaseTimer internal = insert(SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "network"),
				SlaTimerKind.INTERNAL_TARGET, RECEIVED));
		assertThat(internal.dueAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
		this.harness.store().markApplied(this.rules.fingerprint());

		// A typhoon closes the office on Tuesday 24 November: the target moves to Wednesday 16:00.
		CalendarDefinition office = SlaFixtures.shanghaiOffice();
		CalendarDefinition typhoon = new CalendarDefinition(office.zone(), office.hours(), office.holidays(),
				office.specialDays(),
				List.of(new CalendarDefinition.Closure("2026-11-24T00:00", "2026-11-25T00:00", "typhoon")));
		SlaRules changed = SlaFixtures.rules(typhoon, SlaFixtures.standard());
		TimerEngine restarted = this.harness.engine(changed);
		restarted.reconcile();

		CaseTimer recomputed = this.harness.store().find(internal.id()).orElseThrow();
		assertThat(recomputed.dueAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
		assertThat(recomputed.setup().calendarFingerprint()).isNotEqualTo(internal.setup().calendarFingerprint());
		assertThat(this.harness.store().appliedConfiguration()).isEqualTo(changed.fingerprint());
		assertThat(recomputed.rev()).isNotEqualTo(internal.rev());
		assertThat(hintsOf(internal.id())).contains(recomputed.nextFireAt());
	}

	@Test
	void aChangedPolicyFoundAtFiringTimeIsAppliedBeforeFiring() {
		CaseTimer timer = insert(firstResponse());
		// This instance runs a stricter policy (16 h) than the one the timer was created with (24 h).
		SlaRules stricter = SlaFixtures.rules(SlaFixtures.standard("standard", "16h"));
		TimerEngine engine = this.harness.engine(stricter);
		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(12)));
		engine.refresh();

		assertThat(engine.fireDue()).isEqualTo(1);

		// 75 % of 16 h = 12 h: the 50 % warning is skipped as obsolete, the 75 % one fires.
		List<ConsumerRecord<String, byte[]>> events = SlaHarness.allSlaEvents(customer(timer));
		assertThat(events).extracting(SlaHarness::id).containsExactly(SlaEvents.eventId(timer, 0, "warning-75"));
		assertThat(this.harness.store().find(timer.id()).orElseThrow().dueAt())
			.isEqualTo(RECEIVED.plus(Duration.ofHours(16)));
	}

	@Test
	void openTimersAndTimersDueWithinTheHourAreCountedByDepartment() {
		insert(firstResponse());
		insert(firstResponse());
		CaseTimer stopped = insert(firstResponse());
		this.harness.store().replace(stopped.stop(RECEIVED.plusSeconds(60), "responded", WorkingTime.WALL_CLOCK),
				stopped);
		insert(SlaFixtures.started(this.rules, SlaFixtures.facts("uk-support", "billing"), SlaTimerKind.RESOLUTION,
				RECEIVED));
		TimerEngine engine = this.harness.engine(this.rules);

		this.harness.clock.set(RECEIVED.plus(Duration.ofMinutes(23 * 60 + 30)));
		engine.recount();

		assertThat(gauge("feedbackloop.sla.timers.open", "customer-service")).isEqualTo(2);
		assertThat(gauge("feedbackloop.sla.timers.open", "uk-support")).isEqualTo(1);
		assertThat(gauge("feedbackloop.sla.timers.due.within.hour", "customer-service")).isEqualTo(2);
		assertThat(gauge("feedbackloop.sla.timers.due.within.hour", "uk-support")).isZero();
		assertThat(this.harness.meters.get("feedbackloop.sla.timers.open.all").gauge().value()).isEqualTo(3);
	}

	@Test
	void countersFollowTheTimerWritesWithoutRecountingEveryTimer() {
		TimerEngine engine = this.harness.engine(this.rules);
		engine.recount();
		CaseTimer first = insert(firstResponse());
		insert(firstResponse());
		// Written behind the store's back: a full recount would see it, the counters do not.
		this.harness.database
			.getCollection(TimerStore.TIMERS)
			.insertOne(TimerStore.toDocument(firstResponse().stored(1, TimerStore.newRev())));

		this.harness.clock.set(RECEIVED.plus(Duration.ofMinutes(23 * 60 + 30)));
		engine.recount();
		assertThat(gauge("feedbackloop.sla.timers.open", "customer-service")).isEqualTo(2);
		assertThat(gauge("feedbackloop.sla.timers.due.within.hour", "customer-service")).isEqualTo(2);

		this.harness.store()
			.replace(first.pause(RECEIVED.plus(Duration.ofHours(23)), WorkingTime.WALL_CLOCK), first)
			.orElseThrow();
		engine.recount();
		assertThat(gauge("feedbackloop.sla.timers.open", "customer-service")).isEqualTo(2);
		assertThat(gauge("feedbackloop.sla.timers.due.within.hour", "customer-service")).isEqualTo(1);

		// A day later the counters are recomputed from every timer once.
		this.harness.clock.set(RECEIVED.plus(Duration.ofHours(48)));
		engine.recount();
		assertThat(gauge("feedbackloop.sla.timers.open", "customer-service")).isEqualTo(3);
	}

	private double gauge(String name, String department) {
		return this.harness.meters.get(name).tag("department", department).gauge().value();
	}

	private CaseTimer firstResponse() {
		return SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "network"),
				SlaTimerKind.FIRST_RESPONSE, RECEIVED);
	}

	private CaseTimer insert(CaseTimer timer) {
		return this.harness.store().insert(timer).orElseThrow();
	}

	/** What an instance does in its first step before dying: claims the timer from its current hint. */
	private CaseTimer claimAsDeadInstance(CaseTimer timer, Instant now) {
		Map<String, CaseTimer> claimed = this.harness.store()
			.claim(List.of(new Due(timer.nextFireAt(), timer.id(), timer.rev(), null)),
					new CaseTimer.Lease("dead-instance", now.plus(SlaHarness.ENGINE.lease())))
			.claimed();
		assertThat(claimed).containsKey(timer.id());
		return claimed.get(timer.id());
	}

	private Set<Instant> hintsOf(String timerId) {
		Set<Instant> hints = new java.util.HashSet<>();
		for (Document bucket : this.harness.database.getCollection(TimerStore.SCHEDULE).find()) {
			for (Object entry : bucket.getList("entries", Object.class)) {
				TimerStore.Hint hint = TimerStore.hintOf(bucket.getString("_id"), entry);
				if (timerId.equals(hint.timerId())) {
					hints.add(hint.at());
				}
			}
		}
		return hints;
	}

	private static String customer(CaseTimer timer) {
		return timer.facts().customerId().value();
	}

}
