package io.feedbackloop.platform;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventFormatException;
import io.feedbackloop.contracts.EventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** Reads an {@link Event} from a Spring Cloud Stream message received from Kafka. */
public final class EventMessages {

	private EventMessages() {
	}

	/**
	 * The event, or empty when its type is one this build does not know: a writer may publish a new
	 * type on a topic before every reader has the contracts that describe it, and a reader that does
	 * not know a type has nothing to do with it (dead-lettering it would be wrong).
	 * @throws EventFormatException when it is not a well-formed event of a known type (a dead letter,
	 * never retried)
	 */
	public static Optional<Event<?>> read(Message<byte[]> message) {
		byte[] type = bytes(message.getHeaders().get(CloudEventHeaders.TYPE));
		if (type != null && EventTypes.byName(new String(type, StandardCharsets.UTF_8)).isEmpty()) {
			return Optional.empty();
		}
		Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
		return Optional.of(EventCodec.decode((name) -> bytes(message.getHeaders().get(name)),
				(key != null) ? text(key) : null, message.getPayload()));
	}

	private static byte @Nullable [] bytes(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] raw) {
			return raw;
		}
		return value.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Object value) {
		return (value instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : value.toString();
	}

}
