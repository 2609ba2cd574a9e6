package io.feedbackloop.router.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.router.sla.calendar.WorkingTime;
import org.jspecify.annotations.Nullable;

/**
 * One SLA timer of one complaint case, as stored in {@code sla_timers}: what it is about, the policy
 * it runs by, its current run (cycle, start, pauses, steps done) and the derived due instants. Pure
 * and immutable: every operation returns a new timer with {@link #dueAt()} and {@link #nextFireAt()}
 * recomputed, so that the same inputs always give the same schedule, on any instance.
 *
 * <p>Every instant of the schedule is derived from the start, the pauses and the counted time
 * ({@link WorkingTime}) rather than stored as a moving deadline: a step at offset {@code d} falls
 * where {@code d} of counted time has run outside the pauses. A changed policy or calendar therefore
 * recomputes exactly, and a pause moves every later step by the counted time it lasted.
 *
 * @param id {@code <caseId>/<timer>}
 * @param facts the case facts the policy was chosen by and the events carry
 * @param kind which timer
 * @param setup the policy's rule as applied to this timer
 * @param run the current run
 * @param dueAt when the target falls due (null while paused before reaching it)
 * @param nextFireAt when the next step falls due (null when nothing is pending or the timer is paused)
 * @param lease the instance firing it right now, if any
 * @param version counts writes, for people reading the collection
 * @param rev a random token replaced on every write: the compare-and-set key of every update
 * @param history the steps fired or skipped, newest last
 */
record CaseTimer(String id, Facts facts, SlaTimerKind kind, Setup setup, Run run, @Nullable Instant dueAt,
		@Nullable Instant nextFireAt, @Nullable Lease lease, long version, long rev, List<Firing> history) {

	/** At most this many firings are kept in a timer's history (a periodic-update timer could grow forever). */
	static final int HISTORY_LIMIT = 50;

	CaseTimer {
		history = List.copyOf(history);
	}

	static String idOf(CaseId caseId, SlaTimerKind kind) {
		return caseId.value() + "/" + kind.wireName();
	}

	/** A new running timer, its cycle 0. */
	static CaseTimer start(Facts facts, SlaTimerKind kind, Setup setup, Instant startedAt, String startedBy,
			WorkingTime time) {
		Run run = new Run(0, startedBy, startedAt, List.of(), Status.RUNNING, List.of(), null, null, null, null);
		return new CaseTimer(idOf(facts.caseId(), kind), facts, kind, setup, run, null, null, null, 0, 0, List.of())
			.rescheduled(time);
	}

	boolean isOpen() {
		return this.run.status() != Status.STOPPED;
	}

	/** Stops the clock while the case waits for the customer; no change unless running. */
	CaseTimer pause(Instant at, WorkingTime time) {
		if (this.run.status() != Status.RUNNING) {
			return this;
		}
		Instant from = at.isBefore(lastRunningStart()) ? lastRunningStart() : at;
		List<Pause> pauses = new ArrayList<>(this.run.pauses());
		pauses.add(new Pause(from, null));
		return withRun(this.run.with(Status.PAUSED, pauses), time);
	}

	/** Starts the clock again; no change unless paused. */
	CaseTimer resume(Instant at, WorkingTime time) {
		if (this.run.status() != Status.PAUSED) {
			return this;
		}
		return withRun(this.run.with(Status.RUNNING, closeOpenPause(at)), time);
	}

	/**
	 * Stops the timer for good (its response came, the case closed): met when that happened by the due
	 * instant. No change when already stopped.
	 */
	CaseTimer stop(Instant at, String stoppedBy, WorkingTime time) {
		if (this.run.status() == Status.STOPPED) {
			return this;
		}
		Run closed = this.run.with(this.run.status(), closeOpenPause(at));
		@Nullable Instant due = instantAt(this.setup.target(), closed, time);
		Outcome outcome = (due == null || !at.isAfter(due)) ? Outcome.MET : Outcome.MISSED;
		Run stopped = new Run(closed.cycle(), closed.startedBy(), closed.startedAt(), closed.pauses(), Status.STOPPED,
				closed.done(), closed.breachedAt(), at, stoppedBy, outcome);
		return withRun(stopped, time);
	}

	/** Stops a timer that its (changed) policy no longer runs; nothing is published for it. */
	CaseTimer withdraw(Instant at, String by, WorkingTime time) {
		if (this.run.status() == Status.STOPPED) {
			return this;
		}
		Run closed = this.run.with(this.run.status(), closeOpenPause(at));
		return withRun(new Run(closed.cycle(), closed.startedBy(), closed.startedAt(), closed.pauses(), Status.STOPPED,
				closed.done(), closed.breachedAt(), at, by, Outcome.WITHDRAWN), time);
	}

	/**
	 * Starts the next cycle from {@code at} with the full target (a reopened case, a new interval of
	 * updates). Idempotent per triggering event: restarting again for the same event changes nothing.
	 */
	CaseTimer restart(Instant at, String startedBy, boolean paused, WorkingTime time) {
		if (this.run.startedBy().equals(startedBy)) {
			return this;
		}
		List<Pause> pauses = paused ? List.of(new Pause(at, null)) : List.of();
		Run next = new Run(this.run.cycle() + 1, startedBy, at, pauses, paused ? Status.PAUSED : Status.RUNNING,
				List.of(), null, null, null, null);
		return new CaseTimer(this.id, this.facts, this.kind, this.setup, next, null, null, null, this.version,
				this.rev, this.history)
			.rescheduled(time);
	}

	/** The same timer under a (changed) policy rule or calendar: every instant recomputed, done steps kept. */
	CaseTimer reconfigured(Facts newFacts, Setup newSetup, WorkingTime time) {
		return new CaseTimer(this.id, newFacts, this.kind, newSetup, this.run, null, null, this.lease, this.version,
				this.rev, this.history)
			.rescheduled(time);
	}

	CaseTimer withLease(@Nullable Lease newLease) {
		return new CaseTimer(this.id, this.facts, this.kind, this.setup, this.run, this.dueAt, this.nextFireAt,
				newLease, this.version, this.rev, this.history);
	}

	/** The stored revision: written by the store only. */
	CaseTimer stored(long newVersion, long newRev) {
		return new CaseTimer(this.id, this.facts, this.kind, this.setup, this.run, this.dueAt, this.nextFireAt,
				this.lease, newVersion, newRev, this.history);
	}

	/**
	 * The steps due at {@code now} that have not been fired yet, in order. A warning is skipped (recorded,
	 * not published) when a later step is due as well: after an outage the breach says more than a
	 * "half the time is gone" warning would.
	 */
	List<PlannedStep> dueSteps(Instant now, WorkingTime time) {
		if (this.run.status() == Status.STOPPED) {
			return List.of();
		}
		List<Step> due = new ArrayList<>();
		List<Instant> at = new ArrayList<>();
		for (Step step : this.setup.steps()) {
			if (this.run.done().contains(step.key())) {
				continue;
			}
			@Nullable Instant instant = instantAt(step.offset(), this.run, time);
			if (instant == null || instant.isAfter(now)) {
				break;
			}
			due.add(step);
			at.add(instant);
		}
		List<PlannedStep> planned = new ArrayList<>();
		for (int i = 0; i < due.size(); i++) {
			Step step = due.get(i);
			boolean obsolete = step.type() == StepType.WARNING && i < due.size() - 1;
			planned.add(new PlannedStep(step, at.get(i), obsolete));
		}
		return planned;
	}

	/**
	 * Records steps as done (fired or skipped) in the given cycle; no change for another cycle (the timer
	 * was restarted meanwhile) or for steps already recorded.
	 */
	CaseTimer withFired(int cycle, List<PlannedStep> steps, Instant firedAt, WorkingTime time) {
		if (cycle != this.run.cycle()) {
			return this;
		}
		Set<String> done = new LinkedHashSet<>(this.run.done());
		List<Firing> history = new ArrayList<>(this.history);
		@Nullable Instant breachedAt = this.run.breachedAt();
		for (PlannedStep planned : steps) {
			if (!done.add(planned.step().key())) {
				continue;
			}
			history.add(new Firing(cycle, planned.step().key(), planned.scheduledAt(), firedAt, planned.skipped()));
			if (planned.step().type() == StepType.BREACH) {
				breachedAt = planned.scheduledAt();
			}
		}
		if (history.size() > HISTORY_LIMIT) {
			history = history.subList(history.size() - HISTORY_LIMIT, history.size());
		}
		Run run = new Run(this.run.cycle(), this.run.startedBy(), this.run.startedAt(), this.run.pauses(),
				this.run.status(), List.copyOf(done), breachedAt, this.run.stoppedAt(), this.run.stoppedBy(),
				this.run.outcome());
		return new CaseTimer(this.id, this.facts, this.kind, this.setup, run, null, null, this.lease, this.version,
				this.rev, history)
			.rescheduled(time);
	}

	/** The instant at which {@code offset} of counted time has run outside the pauses; null if paused before. */
	@Nullable Instant instantAt(Duration offset, WorkingTime time) {
		return instantAt(offset, this.run, time);
	}

	private static @Nullable Instant instantAt(Duration offset, Run run, WorkingTime time) {
		Duration remaining = offset;
		Instant cursor = run.startedAt();
		for (Pause pause : run.pauses()) {
			Duration counted = time.between(cursor, pause.from());
			if (remaining.compareTo(counted) <= 0) {
				return time.plus(cursor, remaining);
			}
			remaining = remaining.minus(counted);
			if (pause.to() == null) {
				return null;
			}
			if (pause.to().isAfter(cursor)) {
				cursor = pause.to();
			}
		}
		return time.plus(cursor, remaining);
	}

	private CaseTimer withRun(Run newRun, WorkingTime time) {
		return new CaseTimer(this.id, this.facts, this.kind, this.setup, newRun, null, null, this.lease, this.version,
				this.rev, this.history)
			.rescheduled(time);
	}

	private CaseTimer rescheduled(WorkingTime time) {
		@Nullable Instant due = instantAt(this.setup.target(), this.run, time);
		@Nullable Instant next = null;
		if (this.run.status() != Status.STOPPED) {
			for (Step step : this.setup.steps()) {
				if (!this.run.done().contains(step.key())) {
					next = instantAt(step.offset(), this.run, time);
					break;
				}
			}
		}
		return new CaseTimer(this.id, this.facts, this.kind, this.setup, this.run, due, next, this.lease, this.version,
				this.rev, this.history);
	}

	private Instant lastRunningStart() {
		List<Pause> pauses = this.run.pauses();
		if (pauses.isEmpty()) {
			return this.run.startedAt();
		}
		Pause last = pauses.get(pauses.size() - 1);
		return (last.to() != null) ? last.to() : last.from();
	}

	private List<Pause> closeOpenPause(Instant at) {
		List<Pause> pauses = new ArrayList<>(this.run.pauses());
		if (!pauses.isEmpty() && pauses.get(pauses.size() - 1).to() == null) {
			Pause open = pauses.remove(pauses.size() - 1);
			pauses.add(new Pause(open.from(), at.isBefore(open.from()) ? open.from() : at));
		}
		return pauses;
	}

	enum Status {

		RUNNING, PAUSED, STOPPED

	}

	/** How a stopped timer ended: within its target, after it, or dropped by a changed policy. */
	enum Outcome {

		MET, MISSED, WITHDRAWN

	}

	/**
	 * The facts of the case a timer belongs to.
	 *
	 * @param severity null while not known (events written before it was on complaint.routed.v1)
	 * @param customerTier null while not known (likewise)
	 */
	record Facts(CaseId caseId, CustomerId customerId, String department, String category, @Nullable String severity,
			@Nullable String customerTier) {

		Facts with(@Nullable String newSeverity, @Nullable String newTier) {
			return new Facts(this.caseId, this.customerId, this.department, this.category,
					(newSeverity != null) ? newSeverity : this.severity, (newTier != null) ? newTier : this.customerTier);
		}

	}

	/**
	 * The policy's rule as applied to one timer.
	 *
	 * @param promisedDueAt for first-response: the reply time stated to the customer, which the target
	 * never exceeds
	 */
	record Setup(String policyId, String policyFingerprint, ClockKind clock, String calendarId,
			String calendarFingerprint, Duration target, @Nullable Instant promisedDueAt, List<Step> steps) {

		Setup {
			steps = List.copyOf(steps);
		}

	}

	/**
	 * One run of a timer.
	 *
	 * @param cycle 0, then one more per restart; part of every event id
	 * @param startedBy the id of the event that started this cycle (restarts are idempotent by it)
	 * @param done the keys of the steps fired or skipped in this cycle
	 * @param breachedAt when the breach fell due, once it fired
	 * @param stoppedBy the id of the event that stopped it
	 */
	record Run(int cycle, String startedBy, Instant startedAt, List<Pause> pauses, Status status, List<String> done,
			@Nullable Instant breachedAt, @Nullable Instant stoppedAt, @Nullable String stoppedBy,
			@Nullable Outcome outcome) {

		Run {
			pauses = List.copyOf(pauses);
			done = List.copyOf(done);
		}

		Run with(Status newStatus, List<Pause> newPauses) {
			return new Run(this.cycle, this.startedBy, this.startedAt, newPauses, newStatus, this.done,
					this.breachedAt, this.stoppedAt, this.stoppedBy, this.outcome);
		}

	}

	/** A pause of the clock, {@code [from, to)}; {@code to} is null while it lasts. */
	record Pause(Instant from, @Nullable Instant to) {

	}

	/** The instance firing the timer, until when. */
	record Lease(String owner, Instant until) {

	}

	/** A step fired (or skipped as obsolete), for the history. */
	record Firing(int cycle, String step, Instant scheduledAt, Instant firedAt, boolean skipped) {

	}

	/** A step due now, with the instant it fell due. */
	record PlannedStep(Step step, Instant scheduledAt, boolean skipped) {

	}

}
