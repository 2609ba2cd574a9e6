package io.feedbackloop.platform;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * MongoDB health by {@code ping}, which production MongoDB and the MongoDB-wire server both answer
 * (Boot's own indicator sends {@code hello}, unknown to the latter, and would always read DOWN).
 */
class MongoPingHealthIndicator implements HealthIndicator {

	private final MongoDatabase database;

	MongoPingHealthIndicator(MongoDatabase database) {
		this.database = database;
	}

	@Override
	public Health health() {
		try {
			this.database.runCommand(new Document("ping", 1));
			return Health.up().withDetail("database", this.database.getName()).build();
		}
		catch (RuntimeException ex) {
			return Health.down(ex).withDetail("database", this.database.getName()).build();
		}
	}

}
