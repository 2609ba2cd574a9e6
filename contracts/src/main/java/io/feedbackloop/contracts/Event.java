package io.feedbackloop.contracts;

/**
 * One event as it travels: its envelope (Kafka headers), its key (the customer id) and its data
 * (the record value).
 */
public record Event<T>(EventEnvelope envelope, String key, T data) {

	/** The data as the given type, when the envelope says it is of that type. */
	public <U> java.util.Optional<U> dataAs(EventType<U> type) {
		return type.name().equals(this.envelope.type()) ? java.util.Optional.of(type.dataClass().cast(this.data))
				: java.util.Optional.empty();
	}

}
