package io.feedbackloop.ingest.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets concurrent callers share one write: each {@link #submit submitted} item joins whatever is
 * waiting, and a writer thread hands the whole group to {@code write} in one call (one MongoDB round
 * trip), then completes every caller's future with its own result. Nothing waits for a group to
 * fill: an idle writer takes the first item at once, so a lone request pays no delay, and under load
 * the items that arrive while a write is in flight form the next group (like Kafka's producer
 * batching, or a database's group commit). A failed write fails the futures of its group only.
 * <p>
 * At most {@code capacity} items wait: past that, {@link #submit} fails at once with a
 * {@link RejectedExecutionException} (callers answer "busy" rather than queue without end behind a slow
 * store). A caller that gives up cancels its future: an item not yet written is left out of its group,
 * and the result of one written while it gave up goes to {@code unclaimed} (a claim nobody will use, say,
 * to be released).
 *
 * @param <I> what a caller submits
 * @param <O> what it gets back; {@code write} returns one per item, in order
 */
public final class GroupCommit<I, O> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final BlockingQueue<Pending<I, O>> queue;

	private final Function<List<I>, List<O>> write;

	private final BiConsumer<I, O> unclaimed;

	private final int maxGroup;

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean closed;

	/**
	 * @param name names the writer threads
	 * @param writers how many groups may be written at once
	 * @param maxGroup the most items in one write
	 * @param capacity the most items waiting to be written
	 * @param write writes a group, returning one result per item in order
	 * @param unclaimed takes the result of an item written after its caller cancelled it
	 */
	public GroupCommit(String name, int writers, int maxGroup, int capacity, Function<List<I>, List<O>> write,
			BiConsumer<I, O> unclaimed) {
		this.queue = new LinkedBlockingQueue<>(capacity);
		this.write = write;
		this.unclaimed = unclaimed;
		this.maxGroup = maxGroup;
		for (int i = 0; i < writers; i++) {
			Thread writer = new Thread(this::run, name + "-" + i);
			writer.setDaemon(true);
			writer.start();
			this.writers.add(writer);
		}
	}

	/**
	 * The item's result once the group it joined was written, or that write's exception; a
	 * {@link RejectedExecutionException} when {@code capacity} items are waiting already.
	 */
	public CompletableFuture<O> submit(I item) {
		CompletableFuture<O> result = new CompletableFuture<>();
		if (this.closed) {
			result.completeExceptionally(new IllegalStateException("shut down"));
		}
		else if (!this.queue.offer(new Pending<>(item, result))) {
			result.completeExceptionally(new RejectedExecutionException(
					"busy: " + this.queue.size() + " writes are waiting already"));
		}
		return result;
	}

	private void run() {
		List<Pending<I, O>> group = new ArrayList<>(this.maxGroup);
		while (!this.closed) {
			try {
				group.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			this.queue.drainTo(group, this.maxGroup - 1);
			writeGroup(group);
			group.clear();
		}
		List<Pending<I, O>> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.forEach((pending) -> pending.result().completeExceptionally(new IllegalStateException("shut down")));
	}

	private void writeGroup(List<Pending<I, O>> waiting) {
		// a caller that gave up (cancelled) before its item was written: left out
		List<Pending<I, O>> group = new ArrayList<>(waiting.size());
		List<I> items = new ArrayList<>(waiting.size());
		for (Pending<I, O> pending : waiting) {
			if (!pending.result().isDone()) {
				group.add(pending);
				items.add(pending.item());
			}
		}
		if (group.isEmpty()) {
			return;
		}
		try {
			List<O> results = this.write.apply(items);
			for (int i = 0; i < group.size(); i++) {
				if (!group.get(i).result().complete(results.get(i))) {
					unclaimed(group.get(i).item(), results.get(i));
				}
			}
		}
		catch (RuntimeException | Error ex) {
			group.forEach((pending) -> pending.result().completeExceptionally(ex));
			if (ex instanceof Error) {
				log.error("A group write failed", ex);
			}
		}
	}

	private void unclaimed(I item, O result) {
		try {
			this.unclaimed.accept(item, result);
		}
		catch (RuntimeException ex) {
			log.warn("The result of a write its caller gave up on could not be handled", ex);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.writers.forEach(Thread::interrupt);
	}

	private record Pending<I, O>(I item, CompletableFuture<O> result) {

	}

}
