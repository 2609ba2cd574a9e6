package io.feedbackloop.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The CloudEvents attributes of one event.
 *
 * @param id unique per source; derived from the business key where an event may be published again
 * after a crash, so that consumers see the same id twice and drop the repeat
 * @param source the writing service, as a URI reference such as {@code /complaint-router}
 * @param type the logical versioned type name, such as {@code feedback.received.v1}
 * @param time when it happened
 * @param subject the id of the thing it is about (feedback id, case id, customer id)
 */
public record EventEnvelope(String id, String source, String type, Instant time, String subject) {

	/** The attributes as Kafka headers (UTF-8 strings), in the CloudEvents Kafka binding. */
	public Map<String, byte[]> toHeaders() {
		Map<String, byte[]> headers = new LinkedHashMap<>();
		headers.put(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_VALUE));
		headers.put(CloudEventHeaders.ID, utf8(this.id));
		headers.put(CloudEventHeaders.SOURCE, utf8(this.source));
		headers.put(CloudEventHeaders.TYPE, utf8(this.type));
		headers.put(CloudEventHeaders.TIME, utf8(this.time.toString()));
		headers.put(CloudEventHeaders.SUBJECT, utf8(this.subject));
		headers.put(CloudEventHeaders.DATA_SCHEMA, utf8(EventTypes.SCHEMA_BASE + this.type + ".json"));
		headers.put(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON));
		return headers;
	}

	/**
	 * Reads the attributes back from headers.
	 * @param header looks a header up by name; {@code null} when absent
	 * @throws EventFormatException naming the missing or malformed attribute
	 */
	public static EventEnvelope fromHeaders(Function<String, byte @Nullable []> header) {
		String time = required(header, CloudEventHeaders.TIME);
		try {
			return new EventEnvelope(required(header, CloudEventHeaders.ID), required(header, CloudEventHeaders.SOURCE),
					required(header, CloudEventHeaders.TYPE), Instant.parse(time),
					required(header, CloudEventHeaders.SUBJECT));
		}
		catch (DateTimeParseException ex) {
			throw new EventFormatException("header " + CloudEventHeaders.TIME + " is not an RFC 3339 instant: " + time);
		}
	}

	private static String required(Function<String, byte @Nullable []> header, String name) {
		byte[] value = header.apply(name);
		if (value == null || value.length == 0) {
			throw new EventFormatException("header " + name + " is missing");
		}
		return new String(value, StandardCharsets.UTF_8);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
