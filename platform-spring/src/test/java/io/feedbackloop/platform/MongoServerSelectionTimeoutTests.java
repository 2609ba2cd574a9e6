package io.feedbackloop.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.StandardMongoClientSettingsBuilderCustomizer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import static org.assertj.core.api.Assertions.assertThat;

class MongoServerSelectionTimeoutTests {

	@Test
	void operationsGiveUpAfterTheConfiguredTimeInsteadOfTheDriversThirtySeconds() {
		assertThat(serverSelectionTimeout("mongodb://127.0.0.1:27017")).isEqualTo(5000);
	}

	@Test
	void aTimeoutInTheConnectionStringWins() {
		assertThat(serverSelectionTimeout("mongodb://127.0.0.1:27017/?serverSelectionTimeoutMS=300")).isEqualTo(300);
	}

	/** As Boot's MongoClient configuration applies its customizers: in their order. */
	private static long serverSelectionTimeout(String uri) {
		List<MongoClientSettingsBuilderCustomizer> customizers = new ArrayList<>(List.of(
				new StandardMongoClientSettingsBuilderCustomizer(() -> new ConnectionString(uri),
						UuidRepresentation.STANDARD),
				new MongoServerSelectionTimeout(Duration.ofSeconds(5))));
		AnnotationAwareOrderComparator.sort(customizers);
		MongoClientSettings.Builder builder = MongoClientSettings.builder();
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build().getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS);
	}

}
