package io.feedbackloop.router.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The SLA metrics (listed in the README): open timers and timers due within the hour by department
 * (read every {@code stats-interval} from the counters in {@code sla_counts}), met / breached / warnings / escalations by department,
 * policy and timer, and the lateness of every firing as a histogram.
 */
class SlaMetrics {

	private final MeterRegistry registry;

	private final MultiGauge open;

	private final MultiGauge dueSoon;

	private final AtomicLong openTotal = new AtomicLong();

	SlaMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.open = MultiGauge.builder("feedbackloop.sla.timers.open")
			.description("Open SLA timers (running or paused), by department")
			.register(registry);
		this.dueSoon = MultiGauge.builder("feedbackloop.sla.timers.due.within.hour")
			.description("Running SLA timers whose target falls due within the next hour, not yet breached")
			.register(registry);
		Gauge.builder("feedbackloop.sla.timers.open.all", this.openTotal, AtomicLong::get)
			.description("Open SLA timers in all departments")
			.register(registry);
	}

	void scheduleSize(Supplier<Number> size) {
		Gauge.builder("feedbackloop.sla.engine.scheduled", size)
			.description("Timer entries held in this instance's in-memory schedule")
			.register(this.registry);
	}

	void counts(List<TimerStore.DepartmentCount> counts) {
		List<MultiGauge.Row<?>> openRows = new ArrayList<>();
		List<MultiGauge.Row<?>> dueRows = new ArrayList<>();
		long total = 0;
		for (TimerStore.DepartmentCount count : counts) {
			openRows.add(MultiGauge.Row.of(Tags.of("department", count.department()), count.open()));
			dueRows.add(MultiGauge.Row.of(Tags.of("department", count.department()), count.dueSoon()));
			total += count.open();
		}
		this.open.register(openRows, true);
		this.dueSoon.register(dueRows, true);
		this.openTotal.set(total);
	}

	void fired(CaseTimer timer, CaseTimer.PlannedStep planned, Duration lateness) {
		Tags tags = tags(timer);
		String name = switch (planned.step().type()) {
			case WARNING -> "feedbackloop.sla.warnings";
			case BREACH -> "feedbackloop.sla.breached";
			case ESCALATION -> "feedbackloop.sla.escalations";
		};
		if (planned.step().type() == StepType.ESCALATION) {
			tags = tags.and("level", Integer.toString(planned.step().level()));
		}
		Counter.builder(name).tags(tags).register(this.registry).increment();
		Timer.builder("feedbackloop.sla.firing.lateness")
			.description("How late each warning, breach and escalation fired after its due instant")
			.tag("step", planned.step().type().name().toLowerCase())
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(this.registry)
			.record(lateness);
	}

	void skipped(CaseTimer timer) {
		Counter.builder("feedbackloop.sla.warnings.skipped").tags(tags(timer)).register(this.registry).increment();
	}

	void met(CaseTimer timer) {
		Counter.builder("feedbackloop.sla.met").tags(tags(timer)).register(this.registry).increment();
	}

	void missed(CaseTimer timer) {
		Counter.builder("feedbackloop.sla.missed").tags(tags(timer)).register(this.registry).increment();
	}

	private static Tags tags(CaseTimer timer) {
		return Tags.of("department", timer.facts().department(), "policy", timer.setup().policyId(), "timer",
				timer.kind().wireName());
	}

}
