package io.feedbackloop.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way events are turned into bytes and back. Consumers ignore fields they do not know, so
 * adding an optional field is a compatible change; removing or renaming one is a new version.
 */
public final class EventCodec {

	private static final ObjectMapper JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((incl) -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private EventCodec() {
	}

	/** Builds an event of the given type about a customer. */
	public static <T> Event<T> event(EventType<T> type, String id, String source, Instant time, String subject,
			CustomerId customer, T data) {
		return new Event<>(new EventEnvelope(id, source, type.name(), time, subject), customer.value(), data);
	}

	public static byte[] encode(Object data) {
		return JSON.writeValueAsBytes(data);
	}

	/**
	 * Reads an event from its headers and value.
	 * @throws EventFormatException when the envelope is incomplete, the type unknown, or the JSON
	 * does not match the type
	 */
	public static Event<?> decode(Function<String, byte @Nullable []> header, @Nullable String key,
			byte @Nullable [] value) {
		EventEnvelope envelope = EventEnvelope.fromHeaders(header);
		EventType<?> type = EventTypes.byName(envelope.type())
			.orElseThrow(() -> new EventFormatException("unknown event type '" + envelope.type() + "'"));
		if (value == null || value.length == 0) {
			throw new EventFormatException(envelope.type() + " " + envelope.id() + " has no data");
		}
		Object data = decodeData(value, type.dataClass());
		return new Event<>(envelope, (key != null) ? key : "", data);
	}

	/** @throws EventFormatException when the JSON does not match the type */
	public static <T> T decodeData(byte[] value, Class<T> type) {
		try {
			T data = JSON.readValue(value, type);
			if (data == null) {
				throw new EventFormatException("data is JSON null");
			}
			return data;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new EventFormatException("data is not a valid " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * An id derived from business keys, the same every time: an event published again after a crash
	 * keeps its id, so that consumers recognise the repeat.
	 */
	public static String derivedId(String... parts) {
		return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
