package io.feedbackloop.ingest.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
 *
 * @param <I> what a caller submits
 * @param <O> what it gets back; {@code write} returns one per item, in order
 */
public final class GroupCommit<I, O> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();

	private final Function<List<I>, List<O>> write;

	private final int maxGroup;

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean closed;

	/**
	 * @param name names the writer threads
	 * @param writers how many groups may be written at once
	 * @param maxGroup the most items in one write
	 * @param write writes a group, returning one result per item in order
	 */
	public GroupCommit(String name, int writers, int maxGroup, Function<List<I>, List<O>> write) {
		this.write = write;
		this.maxGroup = maxGroup;
		for (int i = 0; i < writers; i++) {
			Thread writer = new Thread(this::run, name + "-" + i);
			writer.setDaemon(true);
			writer.start();
			this.writers.add(writer);
		}
	}

	/** The item's result once the group it joined was written, or that write's exception. */
	public CompletableFuture<O> submit(I item) {
		CompletableFuture<O> result = new CompletableFuture<>();
		if (this.closed) {
			result.completeExceptionally(new IllegalStateException("shut down"));
			return result;
		}
		this.queue.add(new Pending<>(item, result));
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

	private void writeGroup(List<Pending<I, O>> group) {
		List<I> items = new ArrayList<>(group.size());
		for (Pending<I, O> pending : group) {
			items.add(pending.item());
		}
		try {
			List<O> results = this.write.apply(items);
			for (int i = 0; i < group.size(); i++) {
				group.get(i).result().complete(results.get(i));
			}
		}
		catch (RuntimeException | Error ex) {
			group.forEach((pending) -> pending.result().completeExceptionally(ex));
			if (ex instanceof Error) {
				log.error("A group write failed", ex);
			}
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
