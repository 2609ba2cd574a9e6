package io.feedbackloop.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The module README lists the topics and event types; a declared one missing from it is a failing test. */
class ContractsReadmeTests {

	private static final Path README = Path.of("README.md");

	@Test
	void readmeListsEveryTopicWithItsWriter() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);

		assertThat(Topics.ALL).allSatisfy((topic) -> assertThat(readme)
			.containsPattern("\\| `" + topic.name().replace(".", "\\.") + "` \\| " + topic.writer() + " \\|"));
	}

	@Test
	void readmeListsEveryEventTypeWithItsTopicAndSchemaFile() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);

		assertThat(EventTypes.ALL).allSatisfy((type) -> assertThat(readme).contains("| `" + type.name() + "` | `"
				+ type.topic().name() + "` | `" + ContractFiles.schemaPath(type) + "` |"));
	}

}
