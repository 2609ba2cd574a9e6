package io.feedbackloop.router.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.router.sla.calendar.WorkingTime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Fires the timers at their due instant. Every instance runs one: a loader thread reads the schedule
 * buckets of the next minutes ({@code lookahead}) from MongoDB every {@code refresh-interval} into an
 * in-memory priority queue, and a firing thread waits on the queue until the head entry's instant (by
 * the injected {@link Clock}) and fires what is due, in batches. Nothing scans the timers collection
 * on the firing path, so precision does not depend on a polling interval.
 *
 * <p><b>Exactly once as seen downstream.</b> A batch is (1) claimed: a lease document
 * {@code <timer>@<rev>} per hint is inserted into {@code sla_leases} (unique {@code _id}: of several
 * instances loading the same hint exactly one gets it; an expired lease is taken over by
 * compare-and-set), and the timers are read: claimed are those still at the rev their hint names;
 * (2) published: one event per due step, with an id derived from case, timer, cycle and step;
 * (3) recorded: compare-and-set from that rev to the timer with those steps done and the next one
 * scheduled (its hint written first), and the leases deleted. The crash windows:
 * <ul>
 * <li>after (1), before (2): the lease runs out and another instance (or this one restarted) takes
 * it over and publishes: late by the lease, not lost;</li>
 * <li>after (2), before (3): the same, and the step is published again with the same {@code ce_id},
 * which every consumer drops (IdempotentConsumer, {@code processed_events}); a duplicate record can
 * reach the topic, a duplicate event cannot reach a consumer's effects;</li>
 * <li>after (3), before the lease is deleted: the timer is at a new rev, so whoever takes the lease
 * over finds the hint stale and fires nothing; the sweep deletes such leases.</li>
 * </ul>
 * A case event that changes a timer while it is claimed changes its rev; the firing instance's
 * record step then lands on the new state (same cycle) or is dropped (a restarted cycle).
 */
class TimerEngine implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TimerEngine.class);

	private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final TimerStore store;

	private final SlaRules rules;

	private final EventPublisher publisher;

	private final SlaMetrics metrics;

	private final Clock clock;

	private final SlaProperties.Engine config;

	private final Duration publishTimeout;

	private final String instanceId;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition queueChanged = this.lock.newCondition();

	private final Condition loaderWake = this.lock.newCondition();

	private final PriorityQueue<Due> queue = new PriorityQueue<>(
			Comparator.comparing(Due::at).thenComparing(Due::timerId));

	private final Map<String, BucketState> buckets = new ConcurrentHashMap<>();

	private volatile boolean running;

	private @Nullable Thread firingThread;

	private @Nullable Thread loaderThread;

	private Instant nextSweep = Instant.MIN;

	private Instant nextStats = Instant.MIN;

	private Instant nextProfile = Instant.MIN;

	TimerEngine(TimerStore store, SlaRules rules, EventPublisher publisher, SlaMetrics metrics, Clock clock,
			SlaProperties.Engine config, Duration publishTimeout) {
		this.store = store;
		this.rules = rules;
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
		this.config = config;
		this.publishTimeout = publishTimeout;
		this.instanceId = "sla-" + UUID.randomUUID().toString().substring(0, 8);
		metrics.scheduleSize(this::scheduled);
	}

	String instanceId() {
		return this.instanceId;
	}

	// ---- the in-memory schedule ----

	/** Schedules a timer this instance just wrote, when it falls due within the lookahead. */
	void offer(CaseTimer stored) {
		Instant next = stored.nextFireAt();
		if (next != null && next.isBefore(now().plus(this.config.lookahead()))) {
			offer(new Due(next, stored.id(), stored.rev(), null));
		}
	}

	void offer(Due due) {
		this.lock.lock();
		try {
			Due head = this.queue.peek();
			this.queue.add(due);
			if (head == null || due.at().isBefore(head.at())) {
				this.queueChanged.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	int scheduled() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** When the earliest entry of the schedule falls due. */
	Optional<Instant> nextDue() {
		this.lock.lock();
		try {
			return Optional.ofNullable(this.queue.peek()).map(Due::at);
		}
		finally {
			this.lock.unlock();
		}
	}

	// ---- loading from MongoDB ----

	/**
	 * Reads the buckets from {@code lookback} ago to {@code lookahead} ahead that are new or grew since
	 * the last refresh, and deletes old buckets whose hints are all settled.
	 */
	void refresh() {
		Instant now = now();
		Instant first = this.store.slotStart(now.minus(this.config.lookback()));
		Instant last = this.store.slotStart(now.plus(this.config.lookahead()));
		List<String> ids = new ArrayList<>();
		for (Instant slot = first; !slot.isAfter(last); slot = slot.plus(this.store.slotWidth())) {
			for (int shard = 0; shard < this.store.shards(); shard++) {
				ids.add(TimerStore.bucketId(slot, shard));
			}
		}
		// Earliest slot first (bucket ids sort by slot): what falls due soonest is scheduled soonest.
		new TreeMap<>(this.store.bucketSizes(ids)).forEach(this::load);
		deleteSettledBuckets(first);
	}

	/** Reads buckets older than the lookback window: left over by a crashed instance or a long outage. */
	void sweep() {
		Instant first = this.store.slotStart(now().minus(this.config.lookback()));
		new TreeMap<>(this.store.bucketsBefore(first)).forEach(this::load);
		this.store.deleteLeasesBefore(now().minus(this.config.sweepInterval()));
	}

	private void load(String bucketId, int size) {
		BucketState state = this.buckets.computeIfAbsent(bucketId, (id) -> new BucketState());
		int from;
		synchronized (state) {
			if (size < state.loaded) {
				// Deleted and written again (clocks further apart than the lookback): start over.
				state.loaded = 0;
				state.pending.clear();
			}
			if (size == state.loaded) {
				return;
			}
			from = state.loaded;
		}
		List<TimerStore.Hint> hints = this.store.hints(bucketId, from);
		synchronized (state) {
			for (int i = 0; i < hints.size(); i++) {
				state.pending.add(from + i);
			}
			state.loaded = from + hints.size();
		}
		for (int i = 0; i < hints.size(); i++) {
			TimerStore.Hint hint = hints.get(i);
			offer(new Due(hint.at(), hint.timerId(), hint.rev(), new Due.BucketRef(bucketId, from + i)));
		}
	}

	private void deleteSettledBuckets(Instant windowStart) {
		for (Map.Entry<String, BucketState> entry : this.buckets.entrySet()) {
			String bucketId = entry.getKey();
			if (!TimerStore.slotOfBucket(bucketId).isBefore(windowStart)) {
				continue;
			}
			BucketState state = entry.getValue();
			int size;
			synchronized (state) {
				if (!state.pending.isEmpty()) {
					continue;
				}
				size = state.loaded;
			}
			if (this.store.deleteBucket(bucketId, size)) {
				this.buckets.remove(bucketId);
			}
			else {
				// Gone already (another instance deleted it) or grew: read whatever is there.
				this.buckets.remove(bucketId);
				Integer current = this.store.bucketSizes(List.of(bucketId)).get(bucketId);
				if (current != null) {
					load(bucketId, current);
				}
			}
		}
	}

	private void settle(Due due) {
		Due.BucketRef ref = due.bucket();
		if (ref == null) {
			return;
		}
		BucketState state = this.buckets.get(ref.bucketId());
		if (state != null) {
			synchronized (state) {
				state.pending.remove(ref.position());
			}
		}
	}

	// ---- firing ----

	/**
	 * Fires everything due now, in batches: the firing thread's work, callable directly with a test clock.
	 * @return the number of events published
	 */
	int fireDue() {
		int published = 0;
		while (true) {
			List<Due> batch = pollDue(now());
			if (batch.isEmpty()) {
				return published;
			}
			published += fire(batch);
		}
	}

	private List<Due> pollDue(Instant now) {
		this.lock.lock();
		try {
			List<Due> batch = new ArrayList<>();
			while (batch.size() < this.config.batchSize() && !this.queue.isEmpty()
					&& !this.queue.peek().at().isAfter(now)) {
				batch.add(this.queue.poll());
			}
			return batch;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Claims, publishes and records one batch; see the class comment for the crash windows. */
	int fire(List<Due> batch) {
		return record(claimAndPublish(batch));
	}

	/** Steps (1) and (2) of a batch: claims it and sends its events (not waiting for Kafka). */
	private Sent claimAndPublish(List<Due> batch) {
		Instant claimedAt = now();
		CaseTimer.Lease lease = new CaseTimer.Lease(this.instanceId, claimedAt.plus(this.config.lease()));
		Map<String, List<Due>> byTimer = new LinkedHashMap<>();
		for (Due due : batch) {
			byTimer.computeIfAbsent(due.timerId(), (id) -> new ArrayList<>()).add(due);
		}
		List<Due> claimAttempts = byTimer.values().stream().map((entries) -> entries.get(0)).toList();
		long t = this.store.times.start();
		TimerStore.Claims claims = this.store.claim(claimAttempts, lease);
		Map<String, CaseTimer> claimed = claims.claimed();
		this.store.times.add("claim", t);

		List<String> lost = byTimer.keySet().stream().filter((id) -> !claimed.containsKey(id)).toList();
		if (!lost.isEmpty()) {
			this.store.times.add("lost." + lost.size() / 64, this.store.times.start());
			Map<String, CaseTimer> current = this.store.findAll(lost);
			for (String id : lost) {
				byTimer.get(id).forEach((due) -> reconsider(due, current.get(id), claims.held().get(id), claimedAt));
			}
		}
		Instant firedAt = now();
		if (claimed.isEmpty()) {
			return new Sent(batch, lease, firedAt, List.of());
		}

		t = this.store.times.start();
		List<Firing> firings = new ArrayList<>();
		for (CaseTimer timer : claimed.values()) {
			CaseTimer current = this.rules.upToDate(timer, timer.facts(), firedAt);
			WorkingTime time = this.rules.timeOf(current);
			List<CaseTimer.PlannedStep> steps = current.dueSteps(firedAt, time);
			List<CompletableFuture<?>> sends = new ArrayList<>();
			for (CaseTimer.PlannedStep step : steps) {
				if (!step.skipped()) {
					sends.add(this.publisher.publish(SlaEvents.of(current, step, firedAt)));
				}
			}
			firings.add(new Firing(byTimer.get(timer.id()), timer, current, time, steps, sends));
		}

		this.store.times.add("publish.send", t);
		return new Sent(batch, lease, firedAt, firings);
	}

	/**
	 * Step (3) of a batch: waits for Kafka's acknowledgements and records what was published.
	 * @return the number of events published
	 */
	private int record(Sent sent) {
		if (sent.firings().isEmpty()) {
			return 0;
		}
		Instant firedAt = sent.firedAt();
		CaseTimer.Lease lease = sent.lease();
		long t = this.store.times.start();
		List<TimerStore.Write> writes = new ArrayList<>();
		List<Firing> published = new ArrayList<>();
		long deadline = System.nanoTime() + this.publishTimeout.toNanos();
		for (Firing firing : sent.firings()) {
			if (awaitAll(firing.sends(), deadline)) {
				published.add(firing);
				CaseTimer next = firing.timer()
					.withFired(firing.timer().run().cycle(), firing.steps(), firedAt, firing.time())
					.withLease(null);
				writes.add(new TimerStore.Write(next, firing.claimed()));
			}
			else {
				// Not (surely) published: whoever claims it after the lease publishes it, same ids.
				Due first = firing.entries().get(0);
				offer(new Due(lease.until(), first.timerId(), firing.claimedRev(), first.bucket()));
			}
		}
		this.store.times.add("publish.wait", t);
		t = this.store.times.start();
		Map<String, CaseTimer> written = this.store.replaceAll(writes, true);
		this.store.times.add("record", t);
		this.store.times.add("batch." + (sent.batch().size() / 64) * 64, this.store.times.start());
		int events = 0;
		List<String> done = new ArrayList<>();
		for (Firing firing : published) {
			CaseTimer stored = written.get(firing.timer().id());
			if (stored == null) {
				stored = recordOnCurrent(firing, firedAt);
			}
			done.add(TimerStore.leaseId(firing.timer().id(), firing.claimedRev()));
			firing.entries().forEach(this::settle);
			if (stored != null) {
				offer(stored);
			}
			for (CaseTimer.PlannedStep step : firing.steps()) {
				if (step.skipped()) {
					this.metrics.skipped(firing.timer());
				}
				else {
					events++;
					this.metrics.fired(firing.timer(), step, Duration.between(step.scheduledAt(), firedAt));
				}
			}
		}
		t = this.store.times.start();
		this.store.release(done);
		this.store.times.add("release", t);
		return events;
	}

	/**
	 * After a lost claim: the hint is settled when the timer moved on (its new state has a hint of its
	 * own), or retried at the end of a lease held by another instance (which may have crashed).
	 */
	private void reconsider(Due due, @Nullable CaseTimer current, CaseTimer.@Nullable Lease held, Instant now) {
		if (current == null || !current.isOpen()) {
			settle(due);
			return;
		}
		if (held != null && current.rev() == due.rev()) {
			Instant retry = held.until().isAfter(now) ? held.until() : now;
			offer(new Due(retry, due.timerId(), due.rev(), due.bucket()));
			return;
		}
		Instant next = current.nextFireAt();
		if (current.rev() == due.rev() && next != null) {
			// Still the state this hint names (another entry of the same timer made the claim): try again.
			offer(new Due(next, due.timerId(), due.rev(), due.bucket()));
			return;
		}
		settle(due);
		offer(current);
	}

	/**
	 * The claimed state changed between claim and record (a case event, or a takeover after this
	 * instance's lease ran out): record the published steps on the current state if it is still the same
	 * cycle, so that they are not published again.
	 */
	private @Nullable CaseTimer recordOnCurrent(Firing firing, Instant firedAt) {
		int cycle = firing.timer().run().cycle();
		for (int attempt = 0; attempt < 10; attempt++) {
			Optional<CaseTimer> found = this.store.find(firing.timer().id());
			if (found.isEmpty() || found.get().run().cycle() != cycle) {
				return null;
			}
			CaseTimer current = found.get();
			CaseTimer next = current.withFired(cycle, firing.steps(), firedAt, this.rules.timeOf(current))
				.withLease(null);
			Optional<CaseTimer> stored = this.store.replace(next, current);
			if (stored.isPresent()) {
				return stored.get();
			}
		}
		log.warn("Could not record the fired steps of SLA timer {}: it kept changing", firing.timer().id());
		return null;
	}

	private static boolean awaitAll(List<CompletableFuture<?>> sends, long deadlineNanos) {
		for (CompletableFuture<?> send : sends) {
			try {
				send.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (ExecutionException | TimeoutException ex) {
				log.warn("SLA event not acknowledged by Kafka, retrying after the lease: {}", ex.toString());
				return false;
			}
		}
		return true;
	}

	// ---- configuration changes ----

	/**
	 * Recomputes every open timer whose policy or calendar changed since the configuration last applied
	 * (or whose policy no longer matches its case), once per configuration.
	 */
	void reconcile() {
		String fingerprint = this.rules.fingerprint();
		if (fingerprint.equals(this.store.appliedConfiguration())) {
			return;
		}
		Instant now = now();
		List<String> ids = new ArrayList<>();
		int changed = 0;
		for (org.bson.Document key : this.store.openTimerKeys()) {
			ids.add(key.getString("_id"));
			if (ids.size() == 500) {
				changed += reconcile(ids, now);
				ids.clear();
			}
		}
		changed += reconcile(ids, now);
		this.store.markApplied(fingerprint);
		log.info("SLA configuration {} applied: {} open timers recomputed", fingerprint, changed);
	}

	private int reconcile(List<String> ids, Instant now) {
		List<TimerStore.Write> writes = new ArrayList<>();
		for (CaseTimer timer : this.store.findAll(ids).values()) {
			CaseTimer next = this.rules.upToDate(timer, timer.facts(), now);
			if (next != timer) {
				writes.add(new TimerStore.Write(next.withLease(null), timer));
			}
		}
		Map<String, CaseTimer> written = this.store.replaceAll(writes, false);
		written.values().forEach(this::offer);
		return written.size();
	}

	void recount() {
		this.metrics.counts(this.store.countOpen(now().plus(Duration.ofHours(1))));
	}

	// ---- threads ----

	/**
	 * The firing thread: claims and publishes a batch while the previous one is being recorded (on the
	 * {@code sla-recorder} thread, one batch at a time), so that the round trips of the two overlap.
	 */
	private void fireLoop() {
		ExecutorService recorder = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "sla-recorder");
			thread.setDaemon(true);
			return thread;
		});
		Future<?> recording = CompletableFuture.completedFuture(null);
		try {
			while (this.running) {
				List<Due> batch = List.of();
				try {
					batch = awaitDue();
					if (batch.isEmpty()) {
						continue;
					}
					Sent sent = claimAndPublish(batch);
					recording.get();
					recording = recorder.submit(() -> recordOrRetry(sent));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (ExecutionException ex) {
					log.warn("Recording SLA timers failed: {}", ex.getCause().toString());
				}
				catch (RuntimeException ex) {
					log.warn("Firing SLA timers failed, retrying: {}", ex.toString());
					retryLater(batch);
				}
			}
		}
		finally {
			try {
				recording.get(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				log.warn("Recording the last SLA batch failed: {}", ex.toString());
			}
			recorder.shutdown();
		}
	}

	private void recordOrRetry(Sent sent) {
		try {
			record(sent);
		}
		catch (RuntimeException ex) {
			log.warn("Recording SLA timers failed, retrying: {}", ex.toString());
			retryLater(sent.batch());
		}
	}

	/**
	 * After a failure (MongoDB unreachable, say) the batch goes back into the schedule: a timer this
	 * instance had claimed is found leased and retried at the end of its lease, the others at once.
	 */
	private void retryLater(List<Due> batch) {
		Instant retry = now().plusSeconds(1);
		for (Due due : batch) {
			offer(new Due(retry, due.timerId(), due.rev(), due.bucket()));
		}
	}

	private List<Due> awaitDue() throws InterruptedException {
		this.lock.lock();
		try {
			while (this.running) {
				Instant now = now();
				Due head = this.queue.peek();
				if (head != null && !head.at().isAfter(now)) {
					List<Due> batch = new ArrayList<>();
					while (batch.size() < this.config.batchSize() && !this.queue.isEmpty()
							&& !this.queue.peek().at().isAfter(now)) {
						batch.add(this.queue.poll());
					}
					return batch;
				}
				long wait = (head == null) ? MAX_WAIT_NANOS
						: Math.min(MAX_WAIT_NANOS, Math.max(1, Duration.between(now, head.at()).toNanos()));
				this.queueChanged.awaitNanos(wait);
			}
			return List.of();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void reconcileOnce() {
		try {
			reconcile();
		}
		catch (RuntimeException ex) {
			log.warn("Recomputing SLA timers after a configuration change failed: {}", ex.toString());
		}
	}

	private void loadLoop() {
		while (this.running) {
			try {
				Instant now = now();
				if (!now.isBefore(this.nextSweep)) {
					sweep();
					this.nextSweep = now.plus(this.config.sweepInterval());
				}
				long t = this.store.times.start();
				refresh();
				this.store.flushCounts();
				this.store.times.add("load.refresh", t);
				if (!now.isBefore(this.nextProfile) && log.isDebugEnabled()) {
					log.debug("SLA engine, where the time went in the last 10 s:{}", this.store.times.drain());
					this.nextProfile = now.plusSeconds(10);
				}
				if (!now.isBefore(this.nextStats)) {
					recount();
					this.nextStats = now.plus(this.config.statsInterval());
				}
			}
			catch (RuntimeException ex) {
				log.warn("Refreshing the SLA schedule failed: {}", ex.toString());
			}
			pause(this.config.refreshInterval());
		}
	}

	private void pause(Duration duration) {
		this.lock.lock();
		try {
			if (this.running) {
				this.loaderWake.awaitNanos(duration.toNanos());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void start() {
		if (!this.config.enabled() || this.running) {
			return;
		}
		this.running = true;
		this.loaderThread = new Thread(this::loadLoop, "sla-loader");
		this.firingThread = new Thread(this::fireLoop, "sla-firing");
		this.loaderThread.setDaemon(true);
		this.firingThread.setDaemon(true);
		this.loaderThread.start();
		this.firingThread.start();
		Thread reconciler = new Thread(this::reconcileOnce, "sla-reconcile");
		reconciler.setDaemon(true);
		reconciler.start();
		log.info("SLA timer engine {} started (lookahead {}, refresh every {})", this.instanceId,
				this.config.lookahead(), this.config.refreshInterval());
	}

	@Override
	public void stop() {
		this.running = false;
		this.lock.lock();
		try {
			this.queueChanged.signalAll();
			this.loaderWake.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		for (Thread thread : new Thread[] { this.firingThread, this.loaderThread }) {
			if (thread != null) {
				try {
					thread.join(TimeUnit.SECONDS.toMillis(10));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
		try {
			this.store.flushCounts();
		}
		catch (RuntimeException ex) {
			log.warn("Writing the last SLA counter changes failed (corrected by the next full recount): {}",
					ex.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/** The hints of one bucket this instance has read, and which of them are not settled yet. */
	private static final class BucketState {

		int loaded;

		final Set<Integer> pending = new HashSet<>();

	}

	/** A batch claimed and published, to be recorded. */
	private record Sent(List<Due> batch, CaseTimer.Lease lease, Instant firedAt, List<Firing> firings) {

	}

	private record Firing(List<Due> entries, CaseTimer claimed, CaseTimer timer, WorkingTime time,
			List<CaseTimer.PlannedStep> steps, List<CompletableFuture<?>> sends) {

		long claimedRev() {
			return this.claimed.rev();
		}

	}

}
