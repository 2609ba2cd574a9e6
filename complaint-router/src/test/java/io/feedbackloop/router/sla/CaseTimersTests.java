package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.contracts.SlaMet;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.SlaWarning;
import io.feedbackloop.router.cases.CaseEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case's events starting, pausing, resuming, stopping and restarting its timers, against the real
 * broker and MongoDB-wire server, with the engine firing on a clock the test moves.
 */
class CaseTimersTests {

	/** Monday 23 November 2026, 10:00 in Shanghai. */
	private static final Instant RECEIVED = Instant.parse("2026-11-23T02:00:00Z");

	private final SlaHarness harness = new SlaHarness(RECEIVED);

	private final SlaRules rules = SlaFixtures.rules(SlaFixtures.critical(), SlaFixtures.vip(),
			SlaFixtures.standard());

	private final TimerEngine engine = this.harness.engine(this.rules);

	private final CaseTimers timers = this.harness.caseTimers(this.rules, this.engine);

	private final TimerStore store = this.harness.store();

	private final CaseId caseId = CaseId.of("C-SLA-" + UUID.randomUUID().toString().substring(0, 8));

	private final CustomerId customer = CustomerId.of("cust-sla-" + UUID.randomUUID());

	@AfterEach
	void dropDatabase() {
		this.harness.close();
	}

	@Test
	void anOpenedCaseStartsFirstResponseInternalTargetAndResolutionFromItsReceipt() {
		open();
		open();

		Map<SlaTimerKind, CaseTimer> started = timers();
		assertThat(started).containsOnlyKeys(SlaTimerKind.FIRST_RESPONSE, SlaTimerKind.INTERNAL_TARGET,
				SlaTimerKind.RESOLUTION);
		assertThat(started.get(SlaTimerKind.FIRST_RESPONSE).dueAt()).isEqualTo(at(24));
		assertThat(started.get(SlaTimerKind.FIRST_RESPONSE).setup().clock()).isEqualTo(ClockKind.WALL);
		// 12 business hours from Monday 10:00: 6.5 h on Monday, 5.5 h on Tuesday: 16:00 Shanghai.
		assertThat(started.get(SlaTimerKind.INTERNAL_TARGET).dueAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
		assertThat(started.values()).allSatisfy((timer) -> {
			assertThat(timer.setup().policyId()).isEqualTo("standard");
			assertThat(timer.run().startedAt()).isEqualTo(RECEIVED);
			assertThat(timer.version()).isEqualTo(1);
		});
	}

	@Test
	void theFirstReplyInTimeStopsFirstResponseAndInternalTargetAsMetAndStartsTheUpdates() {
		open();
		String reply = respond(at(3), true);

		Map<SlaTimerKind, CaseTimer> after = timers();
		assertThat(after.get(SlaTimerKind.FIRST_RESPONSE).run().outcome()).isEqualTo(CaseTimer.Outcome.MET);
		assertThat(after.get(SlaTimerKind.INTERNAL_TARGET).run().outcome()).isEqualTo(CaseTimer.Outcome.MET);
		assertThat(after.get(SlaTimerKind.RESOLUTION).isOpen()).isTrue();
		assertThat(after.get(SlaTimerKind.PERIODIC_UPDATE).dueAt()).isEqualTo(at(3 + 48));
		List<ConsumerRecord<String, byte[]>> events = SlaHarness.allSlaEvents(this.customer.value());
		assertThat(events).extracting(SlaHarness::type).containsOnly(EventTypes.SLA_MET.name()).hasSize(2);
		SlaMet met = EventCodec.decodeData(events.stream()
			.filter((r) -> SlaHarness.id(r).equals(SlaEvents.eventId(after.get(SlaTimerKind.FIRST_RESPONSE), 0, "met")))
			.findFirst()
			.orElseThrow()
			.value(), SlaMet.class);
		assertThat(met.metAt()).isEqualTo(at(3));
		assertThat(met.dueAt()).isEqualTo(at(24));
		assertThat(met.department()).isEqualTo("customer-service");

		// The same reply delivered again (a crash before it was marked handled): the same met ids.
		this.timers.responded(responded(at(3), true), reply);
		assertThat(SlaHarness.allSlaEvents(this.customer.value())).extracting(SlaHarness::id)
			.containsOnly(events.stream().map(SlaHarness::id).toArray(String[]::new));
	}

	@Test
	void aFirstReplyAfterTheInternalTargetBreachedMeetsOnlyTheCustomerPromise() {
		// Critical: the customer is promised 4 hours, the team aims at 2 business hours (12:00 Shanghai).
		Event<ComplaintRouted> event = routedEvent("critical", null);
		this.timers.routed(event.data(), event.envelope().id());
		this.harness.clock.set(at(2));
		this.engine.refresh();
		this.engine.sweep();
		this.engine.fireDue();

		respond(at(3), true);

		Map<SlaTimerKind, CaseTimer> after = timers();
		assertThat(after.get(SlaTimerKind.INTERNAL_TARGET).run().outcome()).isEqualTo(CaseTimer.Outcome.MISSED);
		assertThat(after.get(SlaTimerKind.FIRST_RESPONSE).run().outcome()).isEqualTo(CaseTimer.Outcome.MET);
		List<ConsumerRecord<String, byte[]>> events = SlaHarness.allSlaEvents(this.customer.value());
		assertThat(events).filteredOn((r) -> SlaHarness.type(r).equals(EventTypes.SLA_BREACHED.name())).hasSize(1);
		assertThat(events).filteredOn((r) -> SlaHarness.type(r).equals(EventTypes.SLA_MET.name())).hasSize(1);
	}

	@Test
	void waitingForTheCustomerPausesEveryTimerAndTheirReplyResumesThemLater() {
		open();
		changeStatus(at(2), CaseStatus.INVESTIGATING, CaseStatus.WAITING_FOR_CUSTOMER, Map.of());
		assertThat(timers().values()).allSatisfy((t) -> {
			assertThat(t.run().status()).isEqualTo(CaseTimer.Status.PAUSED);
			assertThat(t.nextFireAt()).isNull();
		});

		this.harness.clock.set(at(12));
		this.engine.refresh();
		assertThat(this.engine.fireDue()).isZero();

		changeStatus(at(20), CaseStatus.WAITING_FOR_CUSTOMER, CaseStatus.INVESTIGATING, Map.of());

		CaseTimer firstResponse = timers().get(SlaTimerKind.FIRST_RESPONSE);
		assertThat(firstResponse.run().status()).isEqualTo(CaseTimer.Status.RUNNING);
		assertThat(firstResponse.nextFireAt()).isEqualTo(at(12 + 18));
		assertThat(firstResponse.dueAt()).isEqualTo(at(24 + 18));
		this.harness.clock.set(at(30));
		this.engine.refresh();
		this.engine.fireDue();
		assertThat(SlaHarness.allSlaEvents(this.customer.value())).extracting(SlaHarness::id)
			.contains(SlaEvents.eventId(firstResponse, 0, "warning-50"));
	}

	@Test
	void closingStopsEveryTimerAndNothingFiresAfterwards() {
		open();
		respond(at(1), true);
		changeStatus(at(5), CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED, Map.of());

		assertThat(timers().values()).allSatisfy((t) -> assertThat(t.isOpen()).isFalse());
		assertThat(timers().get(SlaTimerKind.RESOLUTION).run().outcome()).isEqualTo(CaseTimer.Outcome.MET);
		this.harness.clock.set(at(24 * 30));
		this.engine.refresh();
		this.engine.sweep();
		assertThat(this.engine.fireDue()).isZero();
		// first-response, internal-target and resolution met; the periodic update publishes no met.
		assertThat(SlaHarness.allSlaEvents(this.customer.value())).extracting(SlaHarness::type)
			.containsOnly(EventTypes.SLA_MET.name())
			.hasSize(3);
	}

	@Test
	void anInvalidCaseStopsEveryTimerAndNothingWarnsBreachesOrEscalatesAfterwards() {
		open();
		changeStatus(at(2), CaseStatus.RECEIVED, CaseStatus.INVALID, Map.of());

		assertThat(timers().values()).isNotEmpty().allSatisfy((t) -> assertThat(t.isOpen()).isFalse());
		this.harness.clock.set(at(24 * 30));
		this.engine.refresh();
		this.engine.sweep();
		assertThat(this.engine.fireDue()).isZero();
		assertThat(SlaHarness.allSlaEvents(this.customer.value())).extracting(SlaHarness::type)
			.doesNotContain(EventTypes.SLA_WARNING.name(), EventTypes.SLA_BREACHED.name(),
					EventTypes.SLA_ESCALATED.name());
	}

	@Test
	void aReopenRestartsResolutionAndUpdatesInANewCycleWhoseEventsHaveNewIds() {
		open();
		respond(at(1), true);
		changeStatus(at(5), CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED, Map.of());
		String reopen = changeStatus(at(100), CaseStatus.CLOSED, CaseStatus.REOPENED, Map.of());
		this.timers.statusChanged(statusChanged(at(100), CaseStatus.CLOSED, CaseStatus.REOPENED, Map.of()), reopen);

		Map<SlaTimerKind, CaseTimer> after = timers();
		assertThat(after.get(SlaTimerKind.RESOLUTION).run().cycle()).isEqualTo(1);
		assertThat(after.get(SlaTimerKind.RESOLUTION).isOpen()).isTrue();
		assertThat(after.get(SlaTimerKind.PERIODIC_UPDATE).run().cycle()).isEqualTo(1);
		assertThat(after.get(SlaTimerKind.PERIODIC_UPDATE).dueAt()).isEqualTo(at(148));
		assertThat(after.get(SlaTimerKind.FIRST_RESPONSE).isOpen()).isFalse();
		assertThat(SlaEvents.eventId(after.get(SlaTimerKind.RESOLUTION), 1, "breach"))
			.isNotEqualTo(SlaEvents.eventId(after.get(SlaTimerKind.RESOLUTION), 0, "breach"));

		this.harness.clock.set(at(148));
		this.engine.refresh();
		this.engine.sweep();
		this.engine.fireDue();
		assertThat(SlaHarness.allSlaEvents(this.customer.value())).extracting(SlaHarness::id)
			.contains(SlaEvents.eventId(after.get(SlaTimerKind.PERIODIC_UPDATE), 1, "breach"));
	}

	@Test
	void laterRepliesStartANewUpdateIntervalEachTime() {
		open();
		respond(at(1), true);
		respond(at(30), false);
		respond(at(60), false);

		CaseTimer updates = timers().get(SlaTimerKind.PERIODIC_UPDATE);
		assertThat(updates.run().cycle()).isEqualTo(2);
		assertThat(updates.dueAt()).isEqualTo(at(108));
	}

	@Test
	void aSeverityRaisedOnAStatusChangeSwitchesTheCaseToTheCriticalPolicy() {
		open();
		changeStatus(at(1), CaseStatus.RECEIVED, CaseStatus.ASSIGNED, Map.of("severity", "critical"));

		CaseTimer firstResponse = timers().get(SlaTimerKind.FIRST_RESPONSE);
		assertThat(firstResponse.setup().policyId()).isEqualTo("critical");
		assertThat(firstResponse.facts().severity()).isEqualTo("critical");
		assertThat(firstResponse.dueAt()).isEqualTo(at(4));
	}

	@Test
	void aCriticalCaseRunsTheFourHourFirstResponsePolicyAndWarnsAtTwoHours() {
		Event<ComplaintRouted> event = routedEvent("critical", "standard");
		this.timers.accept(MessageBuilder.withPayload(EventCodec.encode(event.data()))
			.copyHeaders(Map.copyOf(event.envelope().toHeaders()))
			.build());

		CaseTimer firstResponse = timers().get(SlaTimerKind.FIRST_RESPONSE);
		assertThat(firstResponse.setup().policyId()).isEqualTo("critical");
		assertThat(firstResponse.facts().severity()).isEqualTo("critical");
		assertThat(firstResponse.facts().customerTier()).isEqualTo("standard");
		assertThat(firstResponse.dueAt()).isEqualTo(at(4));

		fireAt(at(2));
		List<SlaWarning> warnings = SlaHarness.allSlaEvents(this.customer.value())
			.stream()
			.filter((r) -> SlaHarness.type(r).equals(EventTypes.SLA_WARNING.name()))
			.map((r) -> EventCodec.decodeData(r.value(), SlaWarning.class))
			.filter((w) -> w.timer() == SlaTimerKind.FIRST_RESPONSE)
			.toList();
		assertThat(warnings).singleElement().satisfies((w) -> {
			assertThat(w.policyId()).isEqualTo("critical");
			assertThat(w.severity()).isEqualTo("critical");
			assertThat(w.scheduledAt()).isEqualTo(at(2));
			assertThat(w.dueAt()).isEqualTo(at(4));
		});
	}

	@Test
	void aVipCustomersCaseRunsTheVipPolicy() {
		Event<ComplaintRouted> event = routedEvent("normal", "vip");
		this.timers.routed(event.data(), event.envelope().id());

		Map<SlaTimerKind, CaseTimer> started = timers();
		assertThat(started.values()).extracting((t) -> t.setup().policyId()).containsOnly("vip");
		assertThat(started.get(SlaTimerKind.FIRST_RESPONSE).dueAt()).isEqualTo(at(12));
		assertThat(started.get(SlaTimerKind.FIRST_RESPONSE).facts().customerTier()).isEqualTo("vip");
	}

	@Test
	void aRepeatContactThatRaisesTheSeverityRecomputesTheOpenTimers() {
		open();
		respond(RECEIVED.plus(Duration.ofMinutes(30)), true);
		assertThat(timers().get(SlaTimerKind.RESOLUTION).setup().policyId()).isEqualTo("standard");

		// The customer calls again an hour later; intake raised the case to critical.
		repeatContact(at(1), 1, "critical");

		Map<SlaTimerKind, CaseTimer> after = timers();
		CaseTimer resolution = after.get(SlaTimerKind.RESOLUTION);
		assertThat(resolution.setup().policyId()).isEqualTo("critical");
		assertThat(resolution.facts().severity()).isEqualTo("critical");
		assertThat(resolution.run().startedAt()).isEqualTo(RECEIVED);
		// 16 business hours from Monday 10:00 Shanghai (7.5 h a day): Wednesday 11:00, 03:00 UTC.
		assertThat(resolution.dueAt()).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
		// A stopped timer stays as it ended.
		assertThat(after.get(SlaTimerKind.FIRST_RESPONSE).setup().policyId()).isEqualTo("standard");
		assertThat(after.get(SlaTimerKind.FIRST_RESPONSE).isOpen()).isFalse();

		// The critical resolution timer warns at 75 %: 12 business hours, Tuesday 16:00 Shanghai.
		fireAt(Instant.parse("2026-11-24T08:00:00Z"));
		List<SlaWarning> warnings = SlaHarness.allSlaEvents(this.customer.value())
			.stream()
			.filter((r) -> SlaHarness.type(r).equals(EventTypes.SLA_WARNING.name()))
			.map((r) -> EventCodec.decodeData(r.value(), SlaWarning.class))
			.filter((w) -> w.timer() == SlaTimerKind.RESOLUTION)
			.toList();
		assertThat(warnings).singleElement().satisfies((w) -> {
			assertThat(w.policyId()).isEqualTo("critical");
			assertThat(w.severity()).isEqualTo("critical");
			assertThat(w.fraction()).isEqualTo(0.75);
		});

		// The same event again (a redelivery) changes nothing.
		long version = timers().get(SlaTimerKind.RESOLUTION).version();
		repeatContact(at(1), 1, "critical");
		assertThat(timers().get(SlaTimerKind.RESOLUTION).version()).isEqualTo(version);
	}

	@Test
	void aReRouteMovesTheOpenTimersToTheNewSeverity() {
		open();
		Event<ComplaintRouted> rerouted = EventCodec.event(EventTypes.COMPLAINT_ROUTED,
				"rerouted-" + UUID.randomUUID(), "/complaint-router", at(1), this.caseId.value(), this.customer,
				routed(at(24), "critical", "standard"));
		this.timers.routed(rerouted.data(), rerouted.envelope().id());

		assertThat(timers().get(SlaTimerKind.FIRST_RESPONSE).setup().policyId()).isEqualTo("critical");
		assertThat(timers().get(SlaTimerKind.FIRST_RESPONSE).dueAt()).isEqualTo(at(4));
	}

	@Test
	void thePromiseStatedToTheCustomerCapsTheFirstResponseTarget() {
		ComplaintRouted routed = routed(at(20));
		this.timers.routed(routed, "routed-" + UUID.randomUUID());

		assertThat(timers().get(SlaTimerKind.FIRST_RESPONSE).dueAt()).isEqualTo(at(20));
		assertThat(timers().get(SlaTimerKind.FIRST_RESPONSE).setup().promisedDueAt()).isEqualTo(at(20));
	}

	private void open() {
		Event<ComplaintRouted> event = routedEvent(null, null);
		this.timers.routed(event.data(), event.envelope().id());
	}

	private Event<ComplaintRouted> routedEvent(@Nullable String severity, @Nullable String tier) {
		ComplaintRouted routed = routed(at(24), severity, tier);
		return EventCodec.event(EventTypes.COMPLAINT_ROUTED,
				EventCodec.derivedId(EventTypes.COMPLAINT_ROUTED.name(), this.caseId.value()), "/complaint-router",
				RECEIVED, this.caseId.value(), this.customer, routed);
	}

	private ComplaintRouted routed(Instant promised) {
		return routed(promised, null, null);
	}

	private ComplaintRouted routed(Instant promised, @Nullable String severity, @Nullable String tier) {
		return new ComplaintRouted(this.caseId, FeedbackId.of("fb-" + UUID.randomUUID()), this.customer,
				Channel.PHONE, new Contact("王女士", "+8613800138000", null), "zh", "network", "customer-service",
				RECEIVED, promised, RECEIVED.plusSeconds(1), severity, tier);
	}

	private void repeatContact(Instant at, int repeats, String severity) {
		Event<RepeatContactRecorded> event = CaseEvents.repeatContact(new RepeatContactRecorded(this.caseId,
				this.customer, FeedbackId.of("fb-" + UUID.randomUUID()), Channel.SMS, "network", "category", repeats,
				at, 1 + repeats, at, severity, null));
		this.timers.accept(MessageBuilder.withPayload(EventCodec.encode(event.data()))
			.copyHeaders(Map.copyOf(event.envelope().toHeaders()))
			.build());
	}

	private void fireAt(Instant now) {
		this.harness.clock.set(now);
		this.engine.refresh();
		this.engine.sweep();
		this.engine.fireDue();
	}

	private String respond(Instant at, boolean first) {
		String eventId = "responded-" + UUID.randomUUID();
		this.timers.responded(responded(at, first), eventId);
		return eventId;
	}

	private ComplaintResponded responded(Instant at, boolean first) {
		return new ComplaintResponded(this.caseId, this.customer, "agent-7", "phone", first, at, null);
	}

	private String changeStatus(Instant at, CaseStatus from, CaseStatus to, Map<String, String> details) {
		String eventId = "status-" + UUID.randomUUID();
		this.timers.statusChanged(statusChanged(at, from, to, details), eventId);
		return eventId;
	}

	private ComplaintStatusChanged statusChanged(Instant at, CaseStatus from, CaseStatus to,
			Map<String, String> details) {
		return new ComplaintStatusChanged(this.caseId, this.customer, from, to, "agent-7", "agent", null, details, 2,
				at);
	}

	private Map<SlaTimerKind, CaseTimer> timers() {
		Map<SlaTimerKind, CaseTimer> byKind = new java.util.EnumMap<>(SlaTimerKind.class);
		this.store.findByCase(this.caseId).forEach((t) -> byKind.put(t.kind(), t));
		return byKind;
	}

	private static Instant at(long hours) {
		return RECEIVED.plus(Duration.ofHours(hours));
	}

}
