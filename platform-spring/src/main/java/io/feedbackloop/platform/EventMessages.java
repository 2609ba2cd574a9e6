package io.feedbackloop.platform;

import java.nio.charset.StandardCharsets;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventFormatException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** Reads an {@link Event} from a Spring Cloud Stream message received from Kafka. */
public final class EventMessages {

	private EventMessages() {
	}

	/** @throws EventFormatException when it is not a well-formed event (a dead letter, never retried) */
	public static Event<?> decode(Message<byte[]> message) {
		Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
		return EventCodec.decode((name) -> bytes(message.getHeaders().get(name)), (key != null) ? text(key) : null,
				message.getPayload());
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
