package io.feedbackloop.ingest.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a caller waiting for its shared claim write gives up: a 503, and the claim withdrawn. */
class ClaimsAwaitTests {

	@Test
	void aClaimNotWrittenInTimeIsWithdrawnAndAnswered503() {
		CompletableFuture<ClaimOutcome> pending = new CompletableFuture<>();

		assertThatThrownBy(() -> Claims.await(pending, Duration.ofMillis(20)))
			.isInstanceOf(IdempotencyStoreException.class)
			.hasMessageContaining("within");
		assertThat(pending).isCancelled();
	}

	@Test
	void aClaimWrittenJustAsItsCallerGaveUpIsTheCallersAfterAll() throws Exception {
		ClaimOutcome owned = new ClaimOutcome.Owned("key:web-portal:k-1", "fb-1", Instant.parse("2026-11-24T10:00:00Z"),
				1);
		// the write completes between the caller's time-out and its withdrawal
		CompletableFuture<ClaimOutcome> justWritten = new CompletableFuture<>() {

			private boolean first = true;

			@Override
			public ClaimOutcome get(long timeout, TimeUnit unit)
					throws InterruptedException, ExecutionException, TimeoutException {
				if (this.first) {
					this.first = false;
					complete(owned);
					throw new TimeoutException();
				}
				return super.get(timeout, unit);
			}

		};

		assertThat(Claims.await(justWritten, Duration.ofMillis(20))).isSameAs(owned);
		assertThat(justWritten).isNotCancelled();
	}

	@Test
	void tooManyWaitingClaimsIs503Busy() {
		CompletableFuture<ClaimOutcome> refused = CompletableFuture
			.failedFuture(new RejectedExecutionException("busy: 20000 writes are waiting already"));

		assertThatThrownBy(() -> Claims.await(refused, Duration.ofSeconds(1)))
			.isInstanceOf(IdempotencyStoreException.class)
			.hasMessageContaining("busy");
	}

}
