package io.feedbackloop.ingest.batching;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One writer whose first write is held until the test lets it go: what waits, what is written, what is left. */
class GroupCommitTests {

	private final CountDownLatch writing = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<List<String>> writes = new CopyOnWriteArrayList<>();

	private final Map<String, String> unclaimed = new ConcurrentHashMap<>();

	private final GroupCommit<String, String> commit = new GroupCommit<>("test", 1, 10, 2, this::write,
			this.unclaimed::put);

	@AfterEach
	void close() {
		this.release.countDown();
		this.commit.close();
	}

	@Test
	void pastItsCapacityASubmissionFailsAtOnceInsteadOfWaiting() throws Exception {
		CompletableFuture<String> first = held("a");
		CompletableFuture<String> b = this.commit.submit("b");
		CompletableFuture<String> c = this.commit.submit("c");

		CompletableFuture<String> d = this.commit.submit("d");

		assertThat(d).isCompletedExceptionally();
		assertThatThrownBy(d::join).hasCauseInstanceOf(RejectedExecutionException.class).hasMessageContaining("busy");
		this.release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("wrote a");
		assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("wrote b");
		assertThat(c.get(5, TimeUnit.SECONDS)).isEqualTo("wrote c");
		assertThat(this.writes).containsExactly(List.of("a"), List.of("b", "c"));
	}

	@Test
	void anItemWhoseCallerGaveUpBeforeItsGroupFormedIsNotWritten() throws Exception {
		CompletableFuture<String> first = held("a");
		CompletableFuture<String> withdrawn = this.commit.submit("b");
		CompletableFuture<String> kept = this.commit.submit("c");
		withdrawn.cancel(false);

		this.release.countDown();

		assertThat(kept.get(5, TimeUnit.SECONDS)).isEqualTo("wrote c");
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("wrote a");
		assertThat(this.writes).containsExactly(List.of("a"), List.of("c"));
		assertThat(this.unclaimed).isEmpty();
	}

	@Test
	void theResultOfAWriteItsCallerGaveUpOnGoesToUnclaimed() throws Exception {
		CompletableFuture<String> abandoned = held("a");
		abandoned.cancel(false);
		CompletableFuture<String> next = this.commit.submit("b");

		this.release.countDown();

		assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("wrote b");
		assertThat(this.unclaimed).containsExactly(Map.entry("a", "wrote a"));
	}

	/** Submits an item and waits until the writer holds it in its (held) write. */
	private CompletableFuture<String> held(String item) throws InterruptedException {
		CompletableFuture<String> result = this.commit.submit(item);
		assertThat(this.writing.await(5, TimeUnit.SECONDS)).isTrue();
		return result;
	}

	private List<String> write(List<String> items) {
		this.writes.add(List.copyOf(items));
		this.writing.countDown();
		try {
			this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return items.stream().map((item) -> "wrote " + item).toList();
	}

}
