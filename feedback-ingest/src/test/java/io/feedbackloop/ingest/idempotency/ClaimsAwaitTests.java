package io.feedbackloop.ingest.idempotency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

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
	void tooManyWaitingClaimsIs503Busy() {
		CompletableFuture<ClaimOutcome> refused = CompletableFuture
			.failedFuture(new RejectedExecutionException("busy: 20000 writes are waiting already"));

		assertThatThrownBy(() -> Claims.await(refused, Duration.ofSeconds(1)))
			.isInstanceOf(IdempotencyStoreException.class)
			.hasMessageContaining("busy");
	}

}
