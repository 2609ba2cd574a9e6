package io.feedbackloop.notification.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox: every poll interval, and at once when an event queued something, it claims the
 * due messages and sends them, one customer's messages in order, several customers at a time. Time
 * ("due") comes from the injected clock. A failure here (the database gone) is logged and tried again
 * at the next poll; nothing is lost, because a message leaves the outbox only once its delivery is
 * final.
 */
@Component
class OutboxDrainer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxDrainer.class);

	private final Outbox outbox;

	private final DeliveryAttempts attempts;

	private final OutboxProperties properties;

	private final DeliveryTracing tracing;

	private final Clock clock;

	private final String owner = "drainer-" + UUID.randomUUID();

	private final AtomicBoolean wakeRequested = new AtomicBoolean();

	/** Set on stop: messages claimed and not yet started are given back, not sent. */
	private volatile boolean stopping;

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile @Nullable ExecutorService workers;

	OutboxDrainer(Outbox outbox, DeliveryAttempts attempts, OutboxProperties properties, DeliveryTracing tracing,
			Clock clock) {
		this.outbox = outbox;
		this.attempts = attempts;
		this.properties = properties;
		this.tracing = tracing;
		this.clock = clock;
	}

	/** Drains soon, without waiting for the next poll; calls while a wake-up is pending coalesce. */
	void wake() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null && this.wakeRequested.compareAndSet(false, true)) {
			running.execute(this::drainSafely);
		}
	}

	@Override
	public void start() {
		this.stopping = false;
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(this.properties.concurrency(), (task) -> {
			Thread thread = new Thread(task, "outbox-sender-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "outbox-drainer");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.pollInterval().toMillis();
		started.scheduleWithFixedDelay(this::drainSafely, interval, interval, TimeUnit.MILLISECONDS);
		this.scheduler = started;
	}

	/**
	 * Stops claiming; the messages claimed and not started are given back at once (another instance, or this
	 * one restarted, sends them without waiting for the lease to run out), and the sends under way are waited
	 * for, up to {@code shutdown-wait}: a send the provider accepted is then recorded as sent, where a send cut
	 * off would be sent again by another instance once its lease ran out.
	 */
	@Override
	public void stop() {
		this.stopping = true;
		ScheduledExecutorService running = this.scheduler;
		ExecutorService sending = this.workers;
		this.scheduler = null;
		// Not interrupted: a drain under way finishes its batch's hand-out (a database call on an interrupted
		// thread fails at once, and what it claimed would keep its lease), and gives back what it claimed.
		if (running != null) {
			running.shutdown();
		}
		if (sending != null) {
			sending.shutdown();
		}
		try {
			long waitMillis = this.properties.shutdownWait().toMillis();
			if ((sending != null && !sending.awaitTermination(waitMillis, TimeUnit.MILLISECONDS))
					|| (running != null && !running.awaitTermination(1, TimeUnit.SECONDS))) {
				// Still sending: those keep their lease and are taken over when it ends.
				log.warn("Sends still under way after {}; another instance takes them over when their lease ends",
						this.properties.shutdownWait());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The name this instance claims messages under. */
	String owner() {
		return this.owner;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void drainSafely() {
		this.wakeRequested.set(false);
		try {
			drain();
		}
		catch (RuntimeException ex) {
			log.warn("Draining the outbox failed, will try again: {}", ex.toString());
		}
	}

	private void drain() {
		ExecutorService sending = this.workers;
		while (sending != null && this.scheduler != null) {
			List<OutboxEntry> batch = this.outbox.claimDue(this.clock.instant(), this.properties.batchSize(),
					this.owner, this.properties.lease());
			if (batch.isEmpty()) {
				return;
			}
			if (this.stopping) {
				// claimed while stopping
				giveBack(batch);
				return;
			}
			Map<String, List<OutboxEntry>> byCustomer = new LinkedHashMap<>();
			batch.forEach((entry) -> byCustomer.computeIfAbsent(entry.customerId(), (key) -> new ArrayList<>())
				.add(entry));
			List<Future<?>> running = new ArrayList<>();
			for (List<OutboxEntry> entries : byCustomer.values()) {
				try {
					running.add(sending.submit(() -> entries.forEach(this::attempt)));
				}
				catch (RejectedExecutionException ex) {
					// the senders were shut down meanwhile
					giveBack(entries);
				}
			}
			for (Future<?> future : running) {
				try {
					future.get();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (ExecutionException ex) {
					log.warn("Sending from the outbox failed: {}", ex.getCause().toString());
				}
			}
			if (batch.size() < this.properties.batchSize()) {
				return;
			}
		}
	}

	/** Messages this instance claimed, given back untried (it is stopping). */
	private void giveBack(List<OutboxEntry> entries) {
		entries.forEach((entry) -> this.outbox.release(entry.id(), this.owner));
	}

	void attempt(OutboxEntry entry) {
		if (this.stopping) {
			giveBack(List.of(entry));
			return;
		}
		if (!this.outbox.renew(entry.id(), this.owner, this.clock.instant().plus(this.properties.lease()))) {
			log.info("Delivery {} was taken over by another instance (its lease ran out before its turn)", entry.id());
			return;
		}
		this.tracing.inTrace(entry.traceParent(), "notification send", () -> {
			try {
				this.attempts.attempt(entry);
			}
			catch (RuntimeException ex) {
				// The lease runs out and the message is tried again; the others of the batch go on.
				log.warn("Attempt at delivery {} failed: {}", entry.id(), ex.toString());
			}
		});
	}

}
