package io.feedbackloop.contracts;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON each event type puts on the wire, pinned by a golden file: adding, removing or renaming a
 * field, or changing how a value is written, fails here before it surprises a consumer. When a change
 * is intended, it is either additive (update the golden file and the schema) or a new {@code .v2} type.
 */
class GoldenEventJsonTests {

	static Stream<EventType<?>> eventTypes() {
		return ContractFiles.eventTypes();
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void everyEventTypeHasAGoldenFile(EventType<?> type) {
		assertThat(ContractFiles.exists(ContractFiles.goldenPath(type))).as(ContractFiles.goldenPath(type)).isTrue();
	}

	@Test
	void everyGoldenFileBelongsToAnEventType() throws IOException, URISyntaxException {
		Path dir = Path.of(getClass().getClassLoader().getResource("golden").toURI());
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map((type) -> type.name() + ".json").toList());
		}
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void encodedSampleMatchesTheGoldenFile(EventType<?> type) {
		String encoded = new String(EventCodec.encode(EventSamples.sampleOf(type)), StandardCharsets.UTF_8);

		assertThat(ContractFiles.JSON.readTree(encoded))
			.as("%s encodes as%n%s%nwhich differs from %s", type, encoded, ContractFiles.goldenPath(type))
			.isEqualTo(ContractFiles.golden(type));
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void goldenFileDecodesToTheSample(EventType<?> type) {
		byte[] golden = ContractFiles.goldenText(type).getBytes(StandardCharsets.UTF_8);

		assertThat(EventCodec.decodeData(golden, type.dataClass())).isEqualTo(EventSamples.sampleOf(type));
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void sampleSetsEveryComponentSoThatTheGoldenFileShowsEveryField(EventType<?> type) {
		// The codec leaves null components out of the JSON: a new nullable component that the sample
		// leaves empty would slip past the golden comparison.
		assertThat(nullComponents(EventSamples.sampleOf(type), type.name())).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void decodingAnEncodedEventGivesTheSameEvent(EventType<?> type) {
		Event<?> event = EventSamples.eventOf(type);
		Map<String, byte[]> headers = event.envelope().toHeaders();

		Event<?> decoded = EventCodec.decode(headers::get, event.key(), EventCodec.encode(event.data()));

		assertThat(decoded).isEqualTo(event);
		assertThat(decoded.dataAs(type)).get().isEqualTo(EventSamples.sampleOf(type));
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void decodingEncodedDataGivesEqualData(EventType<?> type) {
		Object sample = EventSamples.sampleOf(type);

		assertThat(EventCodec.decodeData(EventCodec.encode(sample), type.dataClass())).isEqualTo(sample);
	}

	@Test
	void absentOptionalFieldsAreLeftOutOfTheJsonRatherThanWrittenAsNull() {
		FeedbackClassified praise = new FeedbackClassified(EventSamples.FEEDBACK_ID, EventSamples.CUSTOMER_ID,
				Channel.WEB, FeedbackKind.PRAISE, "service", 0.95, "positive", "en", "keyword-rules-2026.03", null,
				EventSamples.CLASSIFIED_AT);

		JsonNode json = ContractFiles.JSON.readTree(EventCodec.encode(praise));

		assertThat(json.has("caseId")).isFalse();
		assertThat(EventCodec.decodeData(EventCodec.encode(praise), FeedbackClassified.class)).isEqualTo(praise);
	}

	private static List<String> nullComponents(Object record, String path) {
		List<String> nulls = new ArrayList<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			Object value = read(component, record);
			String name = path + "." + component.getName();
			if (value == null) {
				nulls.add(name);
			}
			else if (value.getClass().isRecord()) {
				nulls.addAll(nullComponents(value, name));
			}
		}
		return nulls;
	}

	private static Object read(RecordComponent component, Object record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
