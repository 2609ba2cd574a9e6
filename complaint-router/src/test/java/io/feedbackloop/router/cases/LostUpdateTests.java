package io.feedbackloop.router.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.router.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people change the same case at the same moment, both from the same version: exactly one change
 * is applied, the other gets {@code 409} and changes nothing; the case never carries a mix of both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LostUpdateTests {

	private static final int ROUNDS = 10;

	@LocalServerPort
	int port;

	@Autowired
	CaseStore store;

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void stop() throws InterruptedException {
		this.threads.shutdownNow();
		this.threads.awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void ofTwoConcurrentUpdatesWithTheSameVersionExactlyOneWins() throws Exception {
		StaffApiClient api = new StaffApiClient(this.port);
		for (int round = 0; round < ROUNDS; round++) {
			ComplaintCase c = Cases.stored(this.store, CaseStatus.RECEIVED, null);
			String path = "/api/v1/cases/" + c.caseId().value() + "/transitions";
			CyclicBarrier start = new CyclicBarrier(2);
			Future<Response> assign = this.threads.submit(() -> {
				start.await();
				return api.post(path, StaffApiClient.AGENT, "\"1\"", "{\"status\":\"assigned\"}");
			});
			Future<Response> invalidate = this.threads.submit(() -> {
				start.await();
				return api.post(path, StaffApiClient.OTHER_AGENT, "\"1\"",
						"{\"status\":\"invalid\",\"note\":\"not our service\"}");
			});
			List<Integer> statuses = List.of(assign.get().status(), invalidate.get().status());

			assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409);
			ComplaintCase after = this.store.find(c.caseId()).orElseThrow();
			assertThat(after.version()).isEqualTo(2);
			assertThat(after.history()).filteredOn((h) -> "transition".equals(h.action())).hasSize(1);
			CaseStatus winner = (assign.get().status() == 200) ? CaseStatus.ASSIGNED : CaseStatus.INVALID;
			assertThat(after.status()).isEqualTo(winner);
			assertThat(after.assignee()).isEqualTo((winner == CaseStatus.ASSIGNED) ? "agent-li" : null);
		}
	}

	@Test
	void ofManyConcurrentChangesFromOneVersionTheStoreAppliesExactlyOne() throws Exception {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.INVESTIGATING, null);
		int writers = 8;
		CyclicBarrier start = new CyclicBarrier(writers);
		List<Future<Optional<ComplaintCase>>> results = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			String cause = "cause " + i;
			results.add(this.threads.submit(() -> {
				start.await();
				return this.store.apply(c.caseId(), 1, new CaseChange().set("cause", cause).increment("responses"));
			}));
		}
		List<ComplaintCase> applied = new ArrayList<>();
		for (Future<Optional<ComplaintCase>> result : results) {
			result.get().ifPresent(applied::add);
		}

		assertThat(applied).hasSize(1);
		ComplaintCase after = this.store.find(c.caseId()).orElseThrow();
		assertThat(after.version()).isEqualTo(2);
		assertThat(after.responses()).isEqualTo(1);
		assertThat(after.cause()).isEqualTo(applied.get(0).cause());
	}

}
