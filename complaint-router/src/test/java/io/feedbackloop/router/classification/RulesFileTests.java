package io.feedbackloop.router.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's rules file: the service classifies by it and, at its refresh, takes up an edit without a
 * restart; an edit that does not parse leaves the rules in force.
 */
@SpringBootTest
class RulesFileTests {

	private static final Path FILE = rulesFile();

	@DynamicPropertySource
	static void rules(DynamicPropertyRegistry registry) {
		registry.add("feedbackloop.classification.rules-file", FILE::toString);
		// refreshed by the test, not by the clock
		registry.add("feedbackloop.classification.refresh-interval", () -> "1h");
	}

	@Autowired
	Classifier classifier;

	@Autowired
	ClassifierConfiguration configuration;

	@Test
	void anEditedRulesFileIsTakenUpAtTheNextRefresh() throws IOException {
		Classification before = this.classifier.classify("f-rules", "my wifi box is acting up again", "en");
		assertThat(before.category()).isEqualTo("device");
		assertThat(before.version()).contains("+ops-1-");
		assertThat(before.evidence()).anyMatch((e) -> e.startsWith("category: rule wifi-box → device"));

		Files.writeString(FILE, rules("ops-2", "broadband"));
		this.configuration.refresh();
		Classification after = this.classifier.classify("f-rules", "my wifi box is acting up again", "en");
		assertThat(after.category()).isEqualTo("broadband");
		assertThat(after.version()).contains("+ops-2-");

		Files.writeString(FILE, "{ \"rules\": [ { \"id\": \"x\", \"head\": \"category\", \"label\": \"teleportation\","
				+ " \"keywords\": [\"wifi\"] } ] }");
		this.configuration.refresh();
		assertThat(this.classifier.classify("f-rules", "my wifi box is acting up again", "en").version()).contains("+ops-2-");
	}

	/**
	 * A misspelt property ({@code "exlude"}: nothing would be excluded) or a file without rules is an edit that
	 * does not parse: the rules in force stay.
	 */
	@Test
	void anEditWithAnUnknownPropertyOrNoRulesLeavesTheRulesInForce() throws IOException {
		Files.writeString(FILE, rules("ops-3", "broadband"));
		this.configuration.refresh();
		assertThat(this.classifier.classify("f-rules", "my wifi box is acting up again", "en").version()).contains("+ops-3-");

		Files.writeString(FILE, "{ \"version\": \"ops-4\", \"rules\": [ { \"id\": \"wifi-box\", \"head\": \"category\","
				+ " \"label\": \"device\", \"weight\": 8, \"keywords\": [\"wifi box\"], \"exlude\": [\"box\"] } ] }");
		this.configuration.refresh();
		Classification misspelt = this.classifier.classify("f-rules", "my wifi box is acting up again", "en");
		assertThat(misspelt.version()).contains("+ops-3-");
		assertThat(misspelt.category()).isEqualTo("broadband");

		Files.writeString(FILE, "{ \"version\": \"ops-5\", \"rules\": [] }");
		this.configuration.refresh();
		assertThat(this.classifier.classify("f-rules", "my wifi box is acting up again", "en").version()).contains("+ops-3-");
	}

	@AfterEach
	void backToTheFirstFile() throws IOException {
		Files.writeString(FILE, rules("ops-1", "device"));
		this.configuration.refresh();
	}

	private static Path rulesFile() {
		try {
			Path file = Files.createTempFile("classifier-rules", ".json");
			Files.writeString(file, rules("ops-1", "device"));
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String rules(String version, String category) {
		return "{ \"version\": \"" + version + "\", \"rules\": [ { \"id\": \"wifi-box\", \"head\": \"category\","
				+ " \"label\": \"" + category + "\", \"weight\": 8, \"keywords\": [\"wifi box\"] } ] }";
	}

}
