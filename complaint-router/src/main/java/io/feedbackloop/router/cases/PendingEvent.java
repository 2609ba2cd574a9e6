package io.feedbackloop.router.cases;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventEnvelope;
import io.feedbackloop.contracts.EventType;
import io.feedbackloop.contracts.EventTypes;
import org.bson.Document;

/**
 * An event written into its case's document together with the change it announces (one atomic
 * write), and removed once Kafka acknowledged it: a crash between the two leaves it there for the
 * relay, never lost. Its id is derived from the change, so publishing it twice is recognised by
 * every consumer.
 */
record PendingEvent(String id, String source, String type, Instant time, String subject, String key, String data) {

	static PendingEvent of(Event<?> event) {
		EventEnvelope envelope = event.envelope();
		return new PendingEvent(envelope.id(), envelope.source(), envelope.type(), envelope.time(), envelope.subject(),
				event.key(), new String(EventCodec.encode(event.data()), StandardCharsets.UTF_8));
	}

	Event<?> toEvent() {
		EventType<?> eventType = EventTypes.byName(this.type)
			.orElseThrow(() -> new IllegalStateException("pending event of unknown type " + this.type));
		Object decoded = EventCodec.decodeData(this.data.getBytes(StandardCharsets.UTF_8), eventType.dataClass());
		return new Event<>(new EventEnvelope(this.id, this.source, this.type, this.time, this.subject), this.key,
				decoded);
	}

	Document toDocument() {
		// The time as text keeps it exactly as the envelope carries it.
		return new Document("id", this.id).append("source", this.source)
			.append("type", this.type)
			.append("time", this.time.toString())
			.append("subject", this.subject)
			.append("key", this.key)
			.append("data", this.data);
	}

	static PendingEvent fromDocument(Document document) {
		return new PendingEvent(document.getString("id"), document.getString("source"), document.getString("type"),
				Instant.parse(document.getString("time")), document.getString("subject"), document.getString("key"),
				document.getString("data"));
	}

}
