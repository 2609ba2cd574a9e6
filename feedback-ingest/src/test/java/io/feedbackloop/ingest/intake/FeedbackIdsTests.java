package io.feedbackloop.ingest.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackIdsTests {

	@Test
	void idsAreRandomVersion4UuidsWithThePrefix() {
		// Many ids: one with unmasked random bits would still pass one time in 64.
		for (int i = 0; i < 1_000; i++) {
			String id = FeedbackIds.next();

			assertThat(id).matches("fb-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
			UUID uuid = UUID.fromString(id.substring(3));
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
		}
	}

	@Test
	void threadsDrawingAtOnceNeverMakeTheSameId() throws Exception {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				done.add(threads.submit(() -> {
					for (int i = 0; i < 10_000; i++) {
						ids.add(FeedbackIds.next());
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdown();
		}

		assertThat(ids).hasSize(80_000);
	}

}
