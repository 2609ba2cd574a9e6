package io.feedbackloop.ingest.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.batching.GroupCommit;
import io.feedbackloop.ingest.idempotency.ClaimOutcome;
import io.feedbackloop.ingest.idempotency.Claims;
import io.feedbackloop.ingest.status.FeedbackStatusStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What is written once Kafka acknowledged records: their claims marked published, their status
 * documents. Single submissions that are acknowledged at the same time share these two writes (a
 * {@link GroupCommit}); each caller still waits for its own, so that a repeat or a {@code GET} right
 * after the {@code 202} finds the record. The two writes go to different collections and run at the
 * same time, so a caller waits for the slower of the two round trips, not for both in turn. A failure
 * is reported, never thrown: the records are safe in Kafka, and the caller must hear so.
 */
@Component
class AcceptedWrites implements DisposableBean {

	private final Claims claims;

	private final FeedbackStatusStore statuses;

	private final Duration timeout;

	private final GroupCommit<Acked, Written> shared;

	private final ExecutorService statusWriters = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "intake-status");
		thread.setDaemon(true);
		return thread;
	});

	AcceptedWrites(Claims claims, FeedbackStatusStore statuses, IngestProperties properties) {
		this.claims = claims;
		this.statuses = statuses;
		this.timeout = properties.statusTimeout().multipliedBy(2);
		// Not bounded, and never withdrawn: each is a record in Kafka whose claim must be marked (refused, the
		// claim would stay pending and a retry republish it). What waits is bounded before it: by the claims'
		// queue and by the callers, each waiting for its own.
		this.shared = new GroupCommit<>("intake-accepted", 2, 500, Integer.MAX_VALUE, this::writeAll,
				(acked, written) -> {
				});
	}

	/** Writes one acknowledged record's claim and status, together with others acknowledged now. */
	Written write(Acked acked) {
		try {
			return this.shared.submit(acked).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
			return new Written(cause, cause);
		}
		catch (TimeoutException ex) {
			IllegalStateException late = new IllegalStateException("not written within " + this.timeout, ex);
			return new Written(late, late);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			IllegalStateException interrupted = new IllegalStateException("interrupted", ex);
			return new Written(interrupted, interrupted);
		}
	}

	/** Writes the claims and statuses of many acknowledged records: two round trips, at the same time. */
	List<Written> writeAll(List<Acked> acked) {
		if (acked.isEmpty()) {
			return List.of();
		}
		List<ClaimOutcome.Owned> claimed = new ArrayList<>(acked.size());
		List<FeedbackStatusStore.Accepted> received = new ArrayList<>(acked.size());
		for (Acked record : acked) {
			claimed.add(record.claim());
			received.add(new FeedbackStatusStore.Accepted(record.received(), record.clientId()));
		}
		CompletableFuture<@Nullable RuntimeException> status;
		try {
			status = CompletableFuture.supplyAsync(() -> recordStatuses(received), this.statusWriters);
		}
		catch (RuntimeException ex) {
			status = CompletableFuture.completedFuture(ex);
		}
		RuntimeException claimError = null;
		try {
			this.claims.publishedAll(claimed);
		}
		catch (RuntimeException ex) {
			claimError = ex;
		}
		RuntimeException statusError = status.join();
		return Collections.nCopies(acked.size(), new Written(claimError, statusError));
	}

	private @Nullable RuntimeException recordStatuses(List<FeedbackStatusStore.Accepted> received) {
		try {
			this.statuses.recordAcceptedAll(received);
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Override
	public void destroy() {
		this.shared.close();
		this.statusWriters.shutdown();
	}

	/**
	 * A record Kafka acknowledged, the claim it was published under, and the channel system that sent
	 * it (the only one that may read its status).
	 */
	record Acked(ClaimOutcome.Owned claim, FeedbackReceived received, String clientId) {

	}

	/**
	 * What became of the writes.
	 * @param claimError why the claim was not marked published, or null
	 * @param statusError why the status document was not written, or null
	 */
	record Written(@Nullable RuntimeException claimError, @Nullable RuntimeException statusError) {

	}

}
