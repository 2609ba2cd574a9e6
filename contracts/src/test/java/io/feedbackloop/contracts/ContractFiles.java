package io.feedbackloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The JSON files that belong to the contract: published schemas (main resources) and golden files (test resources). */
final class ContractFiles {

	/** A plain mapper for reading files as trees; the codec's own settings are what is under test. */
	static final ObjectMapper JSON = JsonMapper.builder().build();

	private ContractFiles() {
	}

	static Stream<EventType<?>> eventTypes() {
		return EventTypes.ALL.stream();
	}

	static String schemaPath(EventType<?> type) {
		return "schemas/" + type.name() + ".json";
	}

	static String goldenPath(EventType<?> type) {
		return "golden/" + type.name() + ".json";
	}

	static JsonNode schema(EventType<?> type) {
		return JSON.readTree(text(schemaPath(type)));
	}

	static String goldenText(EventType<?> type) {
		return text(goldenPath(type));
	}

	static JsonNode golden(EventType<?> type) {
		return JSON.readTree(goldenText(type));
	}

	static boolean exists(String path) {
		return ContractFiles.class.getClassLoader().getResource(path) != null;
	}

	static String text(String path) {
		try (InputStream in = ContractFiles.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException(path + " is not on the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
