package io.feedbackloop.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MongoWireServerTests {

	/**
	 * Many connections updating one large document while others read it: each answer is a consistent
	 * document, and no connection is dropped. The plain memory backend encoded the stored document after
	 * releasing its lock, so a concurrent update failed the encoding and closed the connection.
	 */
	@Test
	void concurrentUpdatesAndReadsOfOneDocumentAllSucceedWithConsistentAnswers() throws Exception {
		try (MongoWireServer server = MongoWireServer.startInMemory(Ports.free());
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> profiles = client.getDatabase("test").getCollection("profiles");
			List<Integer> history = new ArrayList<>();
			for (int i = 0; i < 2_000; i++) {
				history.add(i);
			}
			profiles.insertOne(new Document("_id", "customer-1").append("count", 0).append("history", history)
				.append("counts", new Document()));
			int writers = 4;
			int updatesEach = 100;
			ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
			try {
				List<Future<?>> work = new ArrayList<>();
				for (int w = 0; w < writers; w++) {
					String field = "counts.w" + w;
					work.add(pool.submit(() -> {
						for (int i = 0; i < updatesEach; i++) {
							Document after = profiles.findOneAndUpdate(Filters.eq("_id", "customer-1"),
									Updates.combine(Updates.inc("count", 1), Updates.inc(field, 1)),
									new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
							assertThat(after).isNotNull();
							assertThat(after.getList("history", Integer.class)).hasSize(2_000);
						}
						return null;
					}));
				}
				for (int r = 0; r < 2; r++) {
					work.add(pool.submit(() -> {
						for (int i = 0; i < 100; i++) {
							Document read = profiles.find(Filters.eq("_id", "customer-1")).first();
							Document counts = read.get("counts", Document.class);
							int sum = counts.values().stream().mapToInt((v) -> (Integer) v).sum();
							assertThat(read.getInteger("count")).isEqualTo(sum);
						}
						return null;
					}));
				}
				for (Future<?> future : work) {
					future.get();
				}
			}
			finally {
				pool.shutdownNow();
			}
			Document last = profiles.find(Filters.eq("_id", "customer-1")).first();
			assertThat(last.getInteger("count")).isEqualTo(writers * updatesEach);
		}
	}

}
