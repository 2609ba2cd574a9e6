package io.feedbackloop.notification.pacing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.feedbackloop.local.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real database server of the test JVM. */
class DailyCapTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

	private static MongoClient client;

	private static DailyCap cap;

	@BeforeAll
	static void connect() {
		client = MongoClients.create(TestInfrastructure.get().mongoUri());
		cap = new DailyCap(client.getDatabase("notification_service_pacing_tests"), 3);
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@Test
	void placesRunOutAfterTheCapAndComeBackWhenReleased() {
		String customer = "cust-" + UUID.randomUUID();
		assertThat(cap.take(customer, DAY, "d1")).isTrue();
		assertThat(cap.take(customer, DAY, "d2")).isTrue();
		assertThat(cap.take(customer, DAY, "d3")).isTrue();
		assertThat(cap.take(customer, DAY, "d4")).isFalse();
		assertThat(cap.take(customer, DAY.plusDays(1), "d4")).isTrue();

		cap.release(customer, DAY, "d2");
		assertThat(cap.take(customer, DAY, "d4")).isTrue();
		assertThat(cap.take(customer, DAY, "d5")).isFalse();
	}

	@Test
	void takingThePlaceOfTheSameDeliveryAgainCostsNothing() {
		String customer = "cust-" + UUID.randomUUID();
		assertThat(cap.take(customer, DAY, "d1")).isTrue();
		assertThat(cap.take(customer, DAY, "d1")).isTrue();
		assertThat(cap.take(customer, DAY, "d2")).isTrue();
		assertThat(cap.take(customer, DAY, "d3")).isTrue();
		assertThat(cap.take(customer, DAY, "d3")).isTrue();
		assertThat(cap.take(customer, DAY, "d4")).isFalse();
	}

	@Test
	void concurrentTakesNeverExceedTheCap() throws Exception {
		String customer = "cust-" + UUID.randomUUID();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> takes = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				String delivery = "d" + i;
				takes.add(() -> cap.take(customer, DAY, delivery));
			}
			long taken = 0;
			for (Future<Boolean> result : pool.invokeAll(takes)) {
				taken += result.get() ? 1 : 0;
			}
			assertThat(taken).isEqualTo(3);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void concurrentFirstTakesOfADayAllGetAPlace() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			// The day's document does not exist yet: the three upserts race to create it. On MongoDB the losers get a
			// duplicate key (their filter is no plain _id match, so the server does not retry them); the
			// MongoDB-wire server the tests use here applies writes one at a time, so there the race never shows.
			// It shows with -Ptestcontainers (the mongo image).
			for (int round = 0; round < 20; round++) {
				String customer = "cust-" + UUID.randomUUID();
				java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
				List<Callable<Boolean>> takes = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					String delivery = "d" + i;
					takes.add(() -> {
						start.await();
						return cap.take(customer, DAY, delivery);
					});
				}
				List<Future<Boolean>> results = takes.stream().map(pool::submit).toList();
				start.countDown();
				for (Future<Boolean> result : results) {
					assertThat(result.get()).as("round %d", round).isTrue();
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void nextDayStartsAtLocalMidnight() {
		ZoneId shanghai = ZoneId.of("Asia/Shanghai");
		assertThat(DailyCap.nextDay(Instant.parse("2026-11-23T15:59:00Z"), shanghai))
			.isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
	}

}
