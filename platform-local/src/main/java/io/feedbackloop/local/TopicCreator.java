package io.feedbackloop.local;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.feedbackloop.contracts.Topic;
import io.feedbackloop.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the platform's topics ({@link Topics#ALL}) that do not exist yet. */
public final class TopicCreator {

	private TopicCreator() {
	}

	public static void createAll(String bootstrapServers, short replicationFactor) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> existing = admin.listTopics().names().get();
			List<NewTopic> missing = Topics.ALL.stream()
				.filter((topic) -> !existing.contains(topic.name()))
				.map((Topic topic) -> new NewTopic(topic.name(), topic.partitions(), replicationFactor))
				.toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot create topics on " + bootstrapServers, ex.getCause());
		}
	}

}
