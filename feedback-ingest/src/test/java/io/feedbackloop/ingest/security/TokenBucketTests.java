package io.feedbackloop.ingest.security;

import java.time.Duration;
import java.time.Instant;

import io.feedbackloop.local.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T08:00:00Z"));

	@Test
	void aFullBucketGivesItsBurstThenTellsHowLongUntilTheNextPermit() {
		TokenBucket bucket = new TokenBucket(2, 3, this.clock);

		assertThat(bucket.tryTake(1)).isZero();
		assertThat(bucket.tryTake(2)).isZero();
		assertThat(bucket.tryTake(1)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void permitsComeBackAtTheConfiguredRateUpToTheCapacity() {
		TokenBucket bucket = new TokenBucket(2, 3, this.clock);
		bucket.tryTake(3);

		this.clock.advance(Duration.ofMillis(500));
		assertThat(bucket.tryTake(1)).isZero();
		assertThat(bucket.tryTake(1)).isEqualTo(Duration.ofMillis(500));

		this.clock.advance(Duration.ofHours(1));
		assertThat(bucket.tryTake(3)).isZero();
		assertThat(bucket.tryTake(1)).isPositive();
	}

	@Test
	void aRequestForMoreThanTheCapacityIsNeverGrantedNorChargedLess() {
		TokenBucket bucket = new TokenBucket(10, 5, this.clock);

		assertThatThrownBy(() -> bucket.tryTake(500)).isInstanceOf(IllegalArgumentException.class);
		assertThat(bucket.capacity()).isEqualTo(5);
		assertThat(bucket.tryTake(5)).as("nothing was taken for the refused request").isZero();
		assertThat(bucket.tryTake(1)).isEqualTo(Duration.ofMillis(100));
	}

}
