package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.router.sla.calendar.WorkingTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timer rules of a policy, step by step, with instants chosen by the test (no waiting). */
class CaseTimerTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final SlaRules rules = SlaFixtures.rules(SlaFixtures.critical(), SlaFixtures.standard());

	private final Instant received = local("2026-11-23T10:00");

	@Test
	void firstResponseWarnsAtHalfAndThreeQuartersBreachesAt24HoursAndEscalatesUpTheLadder() {
		CaseTimer timer = firstResponse(this.received);
		WorkingTime wall = WorkingTime.WALL_CLOCK;

		assertThat(timer.dueAt()).isEqualTo(this.received.plus(Duration.ofHours(24)));
		assertThat(timer.nextFireAt()).isEqualTo(this.received.plus(Duration.ofHours(12)));
		assertThat(timer.dueSteps(this.received.plus(Duration.ofHours(12)).minusMillis(1), wall)).isEmpty();

		List<String> fired = new java.util.ArrayList<>();
		List<Instant> at = new java.util.ArrayList<>();
		for (int hours : new int[] { 12, 18, 24, 28, 36 }) {
			Instant now = this.received.plus(Duration.ofHours(hours));
			List<CaseTimer.PlannedStep> due = timer.dueSteps(now, wall);
			due.forEach((step) -> {
				fired.add(step.step().key());
				at.add(step.scheduledAt());
			});
			timer = timer.withFired(0, due, now, wall);
		}

		assertThat(fired).containsExactly("warning-50", "warning-75", "breach", "escalation-1", "escalation-2",
				"escalation-3");
		assertThat(at).containsExactly(hours(12), hours(18), hours(24), hours(24), hours(28), hours(36));
		assertThat(timer.nextFireAt()).isNull();
		assertThat(timer.run().breachedAt()).isEqualTo(hours(24));
		assertThat(timer.run().done()).hasSize(6);
	}

	@Test
	void afterAnOutageOnlyTheLatestWarningIsPublishedAndTheOthersAreRecordedAsSkipped() {
		CaseTimer timer = firstResponse(this.received);

		List<CaseTimer.PlannedStep> due = timer.dueSteps(hours(25), WorkingTime.WALL_CLOCK);

		assertThat(due).extracting((s) -> s.step().key())
			.containsExactly("warning-50", "warning-75", "breach", "escalation-1");
		assertThat(due).extracting(CaseTimer.PlannedStep::skipped).containsExactly(true, true, false, false);
		CaseTimer after = timer.withFired(0, due, hours(25), WorkingTime.WALL_CLOCK);
		assertThat(after.nextFireAt()).isEqualTo(hours(28));
		assertThat(after.history()).extracting(CaseTimer.Firing::skipped).containsExactly(true, true, false, false);
	}

	@Test
	void theInternalTargetCountsBusinessHoursOfTheDepartmentsCalendar() {
		// Friday 17:00 in Shanghai: 1 h on Friday, 7.5 h on Monday, 3.5 h on Tuesday.
		Instant friday = local("2026-11-27T17:00");
		CaseTimer internal = SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "billing"),
				SlaTimerKind.INTERNAL_TARGET, friday);

		assertThat(internal.dueAt()).isEqualTo(local("2026-12-01T14:00"));
		// 50 % = 6 business hours: 1 h Friday, 5 h Monday (09:00-12:00, 13:30-15:30).
		assertThat(internal.nextFireAt()).isEqualTo(local("2026-11-30T15:30"));
	}

	@Test
	void theInternalTargetOfADepartmentInLondonFollowsItsOwnZoneAndDaylightSaving() {
		// Friday 27 March 2026 16:00 in London (GMT); BST from Sunday; 12 business hours at 8 h a day.
		Instant friday = Instant.parse("2026-03-27T16:00:00Z");
		CaseTimer internal = SlaFixtures.started(this.rules, SlaFixtures.facts("uk-support", "billing"),
				SlaTimerKind.INTERNAL_TARGET, friday);

		// 1 h Friday, 8 h Monday, 3 h Tuesday: Tuesday 12:00 BST = 11:00 UTC.
		assertThat(internal.dueAt()).isEqualTo(Instant.parse("2026-03-31T11:00:00Z"));
	}

	@Test
	void thePeriodicUpdateIsDueEveryIntervalFromTheLastReplyAndANewReplyStartsANewCycle() {
		CaseTimer.Facts facts = SlaFixtures.facts("customer-service", "network");
		CaseTimer updates = SlaFixtures.started(this.rules, facts, SlaTimerKind.PERIODIC_UPDATE, this.received);
		assertThat(updates.dueAt()).isEqualTo(hours(48));
		assertThat(updates.nextFireAt()).isEqualTo(hours(36));

		CaseTimer restarted = updates.restart(hours(30), "responded-2", false, WorkingTime.WALL_CLOCK);

		assertThat(restarted.run().cycle()).isEqualTo(1);
		assertThat(restarted.dueAt()).isEqualTo(hours(78));
		assertThat(restarted.restart(hours(31), "responded-2", false, WorkingTime.WALL_CLOCK)).isSameAs(restarted);
	}

	@Test
	void theResolutionTimerEscalatesOnTheBusinessCalendarAfterItsBreach() {
		CaseTimer resolution = SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "network"),
				SlaTimerKind.RESOLUTION, local("2026-11-23T09:00"));
		WorkingTime office = this.rules.timeOf(resolution);

		// 40 business hours at 7.5 h a day from Monday 09:00: Monday to Friday = 37.5 h, then 2.5 h on
		// the next Monday; the department head 8 business hours later (0.5 + 4.5 + 3 h: Tuesday noon).
		assertThat(resolution.dueAt()).isEqualTo(local("2026-11-30T11:30"));
		CaseTimer breached = resolution.withFired(0, resolution.dueSteps(local("2026-11-30T11:30"), office),
				local("2026-11-30T11:30"), office);
		assertThat(breached.run().done()).containsExactly("warning-50", "warning-75", "breach", "escalation-1");
		assertThat(breached.nextFireAt()).isEqualTo(local("2026-12-01T12:00"));
	}

	@Test
	void theFirstResponseTargetNeverExceedsTheReplyTimeStatedToTheCustomer() {
		CaseTimer.Facts facts = SlaFixtures.facts("customer-service", "network");
		Policy policy = this.rules.policyFor(facts);

		CaseTimer.Setup promisedSooner = this.rules
			.setupFor(policy, SlaTimerKind.FIRST_RESPONSE, facts, this.received, hours(20))
			.orElseThrow();
		CaseTimer.Setup promisedLater = this.rules
			.setupFor(policy, SlaTimerKind.FIRST_RESPONSE, facts, this.received, hours(30))
			.orElseThrow();

		assertThat(promisedSooner.target()).isEqualTo(Duration.ofHours(20));
		assertThat(promisedLater.target()).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void aPauseMovesEveryLaterStepOfAWallClockTimerByItsLength() {
		CaseTimer timer = firstResponse(this.received);

		CaseTimer paused = timer.pause(hours(2), WorkingTime.WALL_CLOCK);
		assertThat(paused.run().status()).isEqualTo(CaseTimer.Status.PAUSED);
		assertThat(paused.nextFireAt()).isNull();
		assertThat(paused.dueSteps(hours(40), WorkingTime.WALL_CLOCK)).isEmpty();

		CaseTimer resumed = paused.resume(hours(5), WorkingTime.WALL_CLOCK);
		assertThat(resumed.nextFireAt()).isEqualTo(hours(15));
		assertThat(resumed.dueAt()).isEqualTo(hours(27));
		assertThat(resumed.resume(hours(6), WorkingTime.WALL_CLOCK)).isSameAs(resumed);
	}

	@Test
	void aPauseOutsideWorkingHoursDoesNotMoveABusinessClockTimer() {
		CaseTimer internal = SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "billing"),
				SlaTimerKind.INTERNAL_TARGET, local("2026-11-27T17:00"));
		WorkingTime office = this.rules.timeOf(internal);

		CaseTimer resumed = internal.pause(local("2026-11-27T19:00"), office)
			.resume(local("2026-11-30T08:00"), office);

		assertThat(resumed.dueAt()).isEqualTo(internal.dueAt());
	}

	@Test
	void aTimerPausedBeforeAStepWasReachedKeepsItUntilResumed() {
		CaseTimer paused = firstResponse(this.received).pause(hours(11), WorkingTime.WALL_CLOCK);

		assertThat(paused.dueAt()).isNull();
		assertThat(paused.resume(hours(20), WorkingTime.WALL_CLOCK).nextFireAt()).isEqualTo(hours(21));
	}

	@Test
	void stoppingByTheDueInstantIsMetAndAfterItMissed() {
		CaseTimer timer = firstResponse(this.received);

		CaseTimer met = timer.stop(hours(24), "responded-1", WorkingTime.WALL_CLOCK);
		CaseTimer missed = timer.stop(hours(24).plusMillis(1), "responded-1", WorkingTime.WALL_CLOCK);

		assertThat(met.run().outcome()).isEqualTo(CaseTimer.Outcome.MET);
		assertThat(met.nextFireAt()).isNull();
		assertThat(met.dueSteps(hours(100), WorkingTime.WALL_CLOCK)).isEmpty();
		assertThat(missed.run().outcome()).isEqualTo(CaseTimer.Outcome.MISSED);
		assertThat(met.stop(hours(30), "closed-1", WorkingTime.WALL_CLOCK)).isSameAs(met);
	}

	@Test
	void stoppingWhilePausedCountsOnlyTheTimeTheClockRan() {
		CaseTimer timer = firstResponse(this.received).pause(hours(20), WorkingTime.WALL_CLOCK);

		CaseTimer stopped = timer.stop(hours(60), "closed-1", WorkingTime.WALL_CLOCK);

		assertThat(stopped.run().outcome()).isEqualTo(CaseTimer.Outcome.MET);
		assertThat(stopped.dueAt()).isEqualTo(hours(64));
	}

	@Test
	void aReopenStartsTheNextCycleWithTheFullTargetAndNothingDone() {
		CaseTimer resolution = SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "network"),
				SlaTimerKind.RESOLUTION, local("2026-11-23T09:00"));
		WorkingTime office = this.rules.timeOf(resolution);
		CaseTimer closed = resolution
			.withFired(0, resolution.dueSteps(local("2026-11-25T18:00"), office), local("2026-11-25T18:00"), office)
			.stop(local("2026-11-26T10:00"), "closed-1", office);

		CaseTimer reopened = closed.restart(local("2026-12-01T09:00"), "reopened-1", false, office);

		assertThat(reopened.run().cycle()).isEqualTo(1);
		assertThat(reopened.run().status()).isEqualTo(CaseTimer.Status.RUNNING);
		assertThat(reopened.run().done()).isEmpty();
		assertThat(reopened.dueAt()).isEqualTo(office.plus(local("2026-12-01T09:00"), Duration.ofHours(40)));
		assertThat(reopened.history()).isNotEmpty();
	}

	@Test
	void aChangedPolicyRecomputesTheScheduleAndKeepsWhatWasDone() {
		CaseTimer timer = firstResponse(this.received);
		CaseTimer warned = timer.withFired(0, timer.dueSteps(hours(12), WorkingTime.WALL_CLOCK), hours(12),
				WorkingTime.WALL_CLOCK);
		SlaRules shorter = SlaFixtures.rules(SlaFixtures.critical(), SlaFixtures.standard("standard", "16h"));

		CaseTimer recomputed = shorter.upToDate(warned, warned.facts(), hours(13));

		assertThat(shorter.isCurrent(warned)).isFalse();
		assertThat(recomputed.dueAt()).isEqualTo(hours(16));
		assertThat(recomputed.run().done()).containsExactly("warning-50");
		assertThat(recomputed.nextFireAt()).isEqualTo(hours(12));
		assertThat(recomputed.dueSteps(hours(13), WorkingTime.WALL_CLOCK)).extracting((s) -> s.step().key())
			.containsExactly("warning-75");
		assertThat(shorter.upToDate(recomputed, recomputed.facts(), hours(13))).isSameAs(recomputed);
	}

	@Test
	void aCaseRaisedToCriticalSwitchesPolicyAndATimerThePolicyDoesNotRunIsWithdrawn() {
		CaseTimer.Facts facts = SlaFixtures.facts("customer-service", "network");
		CaseTimer updates = SlaFixtures.started(this.rules, facts, SlaTimerKind.PERIODIC_UPDATE, this.received);
		CaseTimer first = SlaFixtures.started(this.rules, facts, SlaTimerKind.FIRST_RESPONSE, this.received);

		CaseTimer.Facts critical = facts.with("critical", null);
		CaseTimer critical1 = this.rules.upToDate(first, critical, hours(1));
		CaseTimer withdrawn = this.rules.upToDate(updates, critical, hours(1));

		assertThat(critical1.setup().policyId()).isEqualTo("critical");
		assertThat(critical1.dueAt()).isEqualTo(hours(4));
		assertThat(withdrawn.run().outcome()).isEqualTo(CaseTimer.Outcome.WITHDRAWN);
		assertThat(withdrawn.nextFireAt()).isNull();
	}

	private CaseTimer firstResponse(Instant at) {
		return SlaFixtures.started(this.rules, SlaFixtures.facts("customer-service", "network"),
				SlaTimerKind.FIRST_RESPONSE, at);
	}

	private Instant hours(long hours) {
		return this.received.plus(Duration.ofHours(hours));
	}

	private static Instant local(String dateTime) {
		return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
	}

}
