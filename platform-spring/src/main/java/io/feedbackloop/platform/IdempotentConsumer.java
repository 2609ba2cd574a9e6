package io.feedbackloop.platform;

import java.time.Clock;
import java.util.function.Consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.Event;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;

/**
 * Handles each event once per consumer, the same way in every service: a record (consumer, event id)
 * in {@code processed_events} with a unique key says "already handled".
 *
 * <p>The mark is written after the handler succeeded, never before: a crash in between means the
 * event is handled again on redelivery, so handlers write with natural keys (the case id derived
 * from the feedback id, the delivery id from event, recipient and template) and a second run
 * changes nothing. Marking first would lose the event instead.
 */
public class IdempotentConsumer {

	static final String COLLECTION = "processed_events";

	private final MongoCollection<Document> processed;

	private final Clock clock;

	private final MeterRegistry meters;

	public IdempotentConsumer(MongoDatabase database, Clock clock, MeterRegistry meters) {
		this.processed = database.getCollection(COLLECTION);
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Runs the handler unless this consumer already handled the event.
	 * @return whether the handler ran
	 */
	public <T extends Event<?>> boolean handleOnce(String consumer, T event, Consumer<T> handler) {
		String id = consumer + "/" + event.envelope().id();
		if (this.processed.find(Filters.eq("_id", id)).first() != null) {
			this.meters.counter("feedbackloop.events.duplicates", "consumer", consumer, "type", event.envelope().type())
				.increment();
			return false;
		}
		handler.accept(event);
		try {
			this.processed.insertOne(new Document("_id", id).append("consumer", consumer)
				.append("eventId", event.envelope().id())
				.append("type", event.envelope().type())
				.append("processedAt", java.util.Date.from(this.clock.instant())));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// A concurrent redelivery finished first; the handler's writes are idempotent.
		}
		this.meters.counter("feedbackloop.events.handled", "consumer", consumer, "type", event.envelope().type())
			.increment();
		return true;
	}

}
