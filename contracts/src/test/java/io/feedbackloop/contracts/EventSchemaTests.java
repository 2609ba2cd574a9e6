package io.feedbackloop.contracts;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JSON schemas: each golden file is valid against its schema, and each schema is checked
 * against its record by reflection, so that a schema cannot drift from the code that writes the events.
 */
class EventSchemaTests {

	private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

	static Stream<EventType<?>> eventTypes() {
		return ContractFiles.eventTypes();
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void everyEventTypeHasASchemaWithItsPublishedId(EventType<?> type) {
		assertThat(ContractFiles.exists(ContractFiles.schemaPath(type))).as(ContractFiles.schemaPath(type)).isTrue();
		JsonNode schema = ContractFiles.schema(type);

		assertThat(schema.path("$schema").asString()).isEqualTo(DRAFT_2020_12);
		assertThat(schema.path("$id").asString()).isEqualTo(EventTypes.SCHEMA_BASE + type.name() + ".json");
		assertThat(schema.path("title").asString()).isEqualTo(type.name());
		assertThat(schema.path("type").asString()).isEqualTo("object");
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void envelopeDataSchemaHeaderPointsAtTheSchemaId(EventType<?> type) {
		byte[] dataSchema = EventSamples.eventOf(type).envelope().toHeaders().get(CloudEventHeaders.DATA_SCHEMA);

		assertThat(new String(dataSchema, StandardCharsets.UTF_8))
			.isEqualTo(ContractFiles.schema(type).path("$id").asString());
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void goldenFileIsValidAgainstItsSchema(EventType<?> type) {
		assertThat(validate(type, ContractFiles.goldenText(type))).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void schemaPropertiesAreTheRecordComponents(EventType<?> type) {
		assertThat(drift(type.dataClass(), ContractFiles.schema(type), type.name())).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void everyPropertyIsDescribed(EventType<?> type) {
		List<String> undescribed = new ArrayList<>();
		collectUndescribed(ContractFiles.schema(type), type.name(), undescribed);

		assertThat(undescribed).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("eventTypes")
	void schemaLetsConsumersTolerateAdditionalFields(EventType<?> type) {
		ObjectNode extended = (ObjectNode) ContractFiles.golden(type);
		extended.put("addedInALaterRelease", "any value");

		// A map-valued property may constrain its values; no object may close itself to new fields.
		assertThat(ContractFiles.text(ContractFiles.schemaPath(type)).replaceAll("\\s", ""))
			.doesNotContain("\"additionalProperties\":false")
			.doesNotContain("unevaluatedProperties");
		assertThat(validate(type, extended.toString())).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("validVariants")
	void eventsWithoutOptionalFieldsAreValid(String description, EventType<?> type, Object data) {
		assertThat(validate(type, new String(EventCodec.encode(data), StandardCharsets.UTF_8)))
			.as(description)
			.isEmpty();
	}

	static Stream<Arguments> validVariants() {
		FeedbackReceived received = EventSamples.feedbackReceived();
		FeedbackClassified classified = EventSamples.feedbackClassified();
		return Stream.of(
				Arguments.of("contact with e-mail only", EventTypes.FEEDBACK_RECEIVED,
						new FeedbackReceived(received.feedbackId(), Channel.WEB, received.channelRecordId(),
								received.customerId(), new Contact(null, null, "li.lei@example.com"),
								received.occurredAt(), received.receivedAt(), "The bill charged me twice.", "en")),
				Arguments.of("contact with phone only", EventTypes.FEEDBACK_RECEIVED,
						new FeedbackReceived(received.feedbackId(), Channel.SMS, received.channelRecordId(),
								received.customerId(), new Contact(null, "+8613900139000", null),
								received.occurredAt(), received.receivedAt(), received.text(), "zh")),
				Arguments.of("no case for praise", EventTypes.FEEDBACK_CLASSIFIED,
						new FeedbackClassified(classified.feedbackId(), classified.customerId(), Channel.PHONE,
								FeedbackKind.PRAISE, "service", 1.0, "positive", "zh",
								classified.classifierVersion(), null, classified.classifiedAt())));
	}

	@ParameterizedTest
	@MethodSource("invalidVariants")
	void schemaRejectsDataThatBreaksTheContract(String description, EventType<?> type, Consumer<ObjectNode> breakIt) {
		ObjectNode broken = (ObjectNode) ContractFiles.golden(type);
		breakIt.accept(broken);

		assertThat(validate(type, broken.toString())).as(description).isNotEmpty();
	}

	static Stream<Arguments> invalidVariants() {
		EventType<FeedbackReceived> received = EventTypes.FEEDBACK_RECEIVED;
		EventType<FeedbackClassified> classified = EventTypes.FEEDBACK_CLASSIFIED;
		EventType<ComplaintRouted> routed = EventTypes.COMPLAINT_ROUTED;
		return Stream.of(
				invalid("missing required field", received, (json) -> json.remove("feedbackId")),
				invalid("blank id", routed, (json) -> json.put("caseId", " ")),
				invalid("unknown channel", received, (json) -> json.put("channel", "fax")),
				invalid("upper-case channel", classified, (json) -> json.put("channel", "APP")),
				invalid("unknown kind", classified, (json) -> json.put("kind", "rant")),
				invalid("unknown language", received, (json) -> json.put("language", "fr")),
				invalid("unknown sentiment", classified, (json) -> json.put("sentiment", "angry")),
				invalid("confidence above 1", classified, (json) -> json.put("confidence", 1.5)),
				invalid("confidence below 0", classified, (json) -> json.put("confidence", -0.1)),
				invalid("confidence as a string", classified, (json) -> json.put("confidence", "0.87")),
				invalid("instant as epoch number", received, (json) -> json.put("receivedAt", 1772352930250L)),
				invalid("instant that is not RFC 3339", routed, (json) -> json.put("routedAt", "2026-03-01 08:15")),
				invalid("phone not in E.164", received, (json) -> json.withObjectProperty("contact").put("phone", "13800138000")),
				invalid("malformed e-mail", routed, (json) -> json.withObjectProperty("contact").put("email", "wang.fang")),
				invalid("contact without phone or e-mail", routed, (json) -> json.withObjectProperty("contact")
					.remove(List.of("phone", "email"))));
	}

	private static Arguments invalid(String description, EventType<?> type, Consumer<ObjectNode> breakIt) {
		return Arguments.of(description, type, breakIt);
	}

	/**
	 * Differences between a record and its object schema: property names against component names,
	 * {@code required} against the components without {@code @Nullable}, and the JSON type (with
	 * enum values and formats) against the Java type; nested records are compared the same way.
	 */
	private static List<String> drift(Class<?> recordClass, JsonNode schema, String path) {
		List<String> drift = new ArrayList<>();
		RecordComponent[] components = recordClass.getRecordComponents();
		List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
		List<String> required = Arrays.stream(components)
			.filter((component) -> !component.getAnnotatedType().isAnnotationPresent(Nullable.class))
			.map(RecordComponent::getName)
			.toList();
		Set<String> properties = Set.copyOf(schema.path("properties").propertyNames());
		List<String> schemaRequired = schema.path("required").values().stream().map(JsonNode::asString).toList();
		if (!properties.equals(Set.copyOf(names))) {
			drift.add(path + ": properties " + properties + " but components " + names);
		}
		if (!Set.copyOf(schemaRequired).equals(Set.copyOf(required)) || schemaRequired.size() != required.size()) {
			drift.add(path + ": required " + schemaRequired + " but non-@Nullable components " + required);
		}
		for (RecordComponent component : components) {
			JsonNode property = schema.path("properties").path(component.getName());
			if (property.isObject()) {
				drift.addAll(typeDrift(component.getType(), property, path + "." + component.getName()));
			}
		}
		return drift;
	}

	private static List<String> typeDrift(Class<?> type, JsonNode property, String path) {
		String jsonType = property.path("type").asString();
		if (type.isEnum()) {
			List<String> wireNames = Arrays.stream(type.getEnumConstants()).map(EventSchemaTests::wireName).toList();
			List<String> schemaEnum = property.path("enum").values().stream().map(JsonNode::asString).toList();
			return expect(path, "string", jsonType, wireNames.equals(schemaEnum) ? null
					: "enum " + schemaEnum + " but " + type.getSimpleName() + " has " + wireNames);
		}
		if (type == Instant.class) {
			String format = property.path("format").asString();
			return expect(path, "string", jsonType,
					"date-time".equals(format) ? null : "format " + format + " but Instant needs date-time");
		}
		if (type == String.class || isTypedId(type)) {
			return expect(path, "string", jsonType, null);
		}
		if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
			return expect(path, "number", jsonType, null);
		}
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return expect(path, "integer", jsonType, null);
		}
		if (type == boolean.class || type == Boolean.class) {
			return expect(path, "boolean", jsonType, null);
		}
		if (java.util.Map.class.isAssignableFrom(type)) {
			return expect(path, "object", jsonType, null);
		}
		if (type.isRecord()) {
			List<String> drift = new ArrayList<>(expect(path, "object", jsonType, null));
			drift.addAll(drift(type, property, path));
			return drift;
		}
		return List.of(path + ": no rule for " + type.getName() + "; extend this test");
	}

	private static List<String> expect(String path, String expectedType, String actualType, @Nullable String problem) {
		List<String> drift = new ArrayList<>();
		if (!expectedType.equals(actualType)) {
			drift.add(path + ": type " + actualType + " but expected " + expectedType);
		}
		if (problem != null) {
			drift.add(path + ": " + problem);
		}
		return drift;
	}

	/** FeedbackId, CustomerId, CaseId: a record wrapping one string, written as that string. */
	private static boolean isTypedId(Class<?> type) {
		RecordComponent[] components = type.isRecord() ? type.getRecordComponents() : new RecordComponent[0];
		return components.length == 1 && components[0].getType() == String.class && components[0].getName().equals("value");
	}

	private static String wireName(Object constant) {
		return ContractFiles.JSON.readTree(EventCodec.encode(constant)).asString();
	}

	private static void collectUndescribed(JsonNode schema, String path, List<String> undescribed) {
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			String name = path + "." + property.getKey();
			if (property.getValue().path("description").asString("").isBlank()) {
				undescribed.add(name);
			}
			collectUndescribed(property.getValue(), name, undescribed);
		}
	}

	private static Set<ValidationMessage> validate(EventType<?> type, String json) {
		SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
		JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
			.getSchema(ContractFiles.text(ContractFiles.schemaPath(type)), InputFormat.JSON, config);
		return schema.validate(json, InputFormat.JSON);
	}

}
