package io.feedbackloop.router.sla;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Where the firing path spends its time, by phase: summed up and logged now and then. */
final class PhaseTimes {

	private final Map<String, LongAdder[]> phases = new ConcurrentHashMap<>();

	long start() {
		return System.nanoTime();
	}

	void add(String phase, long startNanos) {
		LongAdder[] sums = this.phases.computeIfAbsent(phase, (p) -> new LongAdder[] { new LongAdder(), new LongAdder() });
		sums[0].increment();
		sums[1].add(System.nanoTime() - startNanos);
	}

	/** The sums since the last call, as "phase n × mean ms (total ms)", and resets them. */
	String drain() {
		StringBuilder out = new StringBuilder();
		new TreeMap<>(this.phases).forEach((phase, sums) -> {
			long n = sums[0].sumThenReset();
			long nanos = sums[1].sumThenReset();
			if (n > 0) {
				out.append(String.format(" %s %d x %.1f ms (%d ms)", phase, n, nanos / 1e6 / n, nanos / 1_000_000));
			}
		});
		return out.toString();
	}

}
