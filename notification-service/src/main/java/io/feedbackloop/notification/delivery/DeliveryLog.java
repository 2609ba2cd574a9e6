package io.feedbackloop.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.feedbackloop.notification.MongoDocuments;
import io.feedbackloop.notification.channel.ChannelType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@code deliveries} collection. Every write is a single-document operation keyed by the
 * delivery id, so that it works the same on a replica set and on the MongoDB-wire server; status
 * changes only leave {@code pending} or {@code deferred}, never a final status.
 */
@Component
public class DeliveryLog {

	static final String COLLECTION = "deliveries";

	private final MongoCollection<Document> deliveries;

	DeliveryLog(MongoDatabase database) {
		this.deliveries = database.getCollection(COLLECTION);
		this.deliveries.createIndex(Indexes.ascending("caseId"), new IndexOptions().name("caseId"));
		this.deliveries.createIndex(Indexes.ascending("customerId"), new IndexOptions().name("customerId"));
	}

	/**
	 * Records the delivery unless one with its id exists.
	 * @return the stored delivery: the given one, or the one recorded before
	 */
	Recorded insertIfAbsent(Delivery delivery) {
		if (MongoDocuments.insertIfAbsent(this.deliveries, toDocument(delivery))) {
			return new Recorded(delivery, true);
		}
		return new Recorded(find(delivery.id()).orElseThrow(), false);
	}

	public Optional<Delivery> find(String id) {
		return Optional.ofNullable(this.deliveries.find(Filters.eq("_id", id)).first()).map(DeliveryLog::fromDocument);
	}

	/** The deliveries matching every given criterion, oldest first. */
	public List<Delivery> findBy(@Nullable String caseId, @Nullable String customerId, @Nullable Audience audience) {
		List<Bson> filters = new ArrayList<>();
		if (caseId != null) {
			filters.add(Filters.eq("caseId", caseId));
		}
		if (customerId != null) {
			filters.add(Filters.eq("customerId", customerId));
		}
		if (filters.isEmpty()) {
			throw new IllegalArgumentException("a caseId or customerId is required");
		}
		if (audience != null) {
			filters.add(Filters.eq("audience", audience.wireName()));
		}
		List<Delivery> found = new ArrayList<>();
		this.deliveries.find(Filters.and(filters))
			.sort(Sorts.ascending("createdAt", "_id"))
			.forEach((document) -> found.add(fromDocument(document)));
		return found;
	}

	void markSent(String id, String providerMessageId, Instant sentAt, int calls) {
		this.deliveries.updateOne(open(id),
				Updates.combine(Updates.set("status", DeliveryStatus.SENT.wireName()),
						Updates.set("providerMessageId", providerMessageId), Updates.set("sentAt", MongoDocuments.date(sentAt)),
						Updates.set("lastAttemptAt", MongoDocuments.date(sentAt)), Updates.unset("reason"),
						Updates.unset("scheduledFor"), Updates.inc("attempts", calls)));
	}

	void markFailed(String id, String reason, Instant at, int calls) {
		this.deliveries.updateOne(open(id),
				Updates.combine(Updates.set("status", DeliveryStatus.FAILED.wireName()), Updates.set("reason", reason),
						Updates.set("lastAttemptAt", MongoDocuments.date(at)), Updates.unset("scheduledFor"),
						Updates.inc("attempts", calls)));
	}

	/** A temporary failure: counted, the reason kept, pending until the next attempt. */
	void recordAttemptFailed(String id, String reason, Instant at, int calls, Instant nextAttempt) {
		this.deliveries.updateOne(open(id),
				Updates.combine(Updates.set("status", DeliveryStatus.PENDING.wireName()), Updates.set("reason", reason),
						Updates.set("scheduledFor", MongoDocuments.date(nextAttempt)), Updates.set("lastAttemptAt", MongoDocuments.date(at)),
						Updates.inc("attempts", calls)));
	}

	/**
	 * The provider was not called (its circuit is open): pending until the next attempt. The last
	 * failure the provider gave stays the reason; the circuit's state is the reason when there is none,
	 * or when the reason was why it had been held back (quiet hours, the daily cap), which is over.
	 */
	void recordNotAttempted(String id, String reason, Instant nextAttempt) {
		this.deliveries.updateOne(Filters.and(open(id), Filters.or(Filters.exists("reason", false),
				Filters.eq("status", DeliveryStatus.DEFERRED.wireName()))), Updates.set("reason", reason));
		this.deliveries.updateOne(open(id), Updates.combine(Updates.set("status", DeliveryStatus.PENDING.wireName()),
				Updates.set("scheduledFor", MongoDocuments.date(nextAttempt))));
	}

	/** Held back on purpose (quiet hours, daily cap) until a time. */
	void markDeferred(String id, String reason, Instant until) {
		this.deliveries.updateOne(open(id), Updates.combine(Updates.set("status", DeliveryStatus.DEFERRED.wireName()),
				Updates.set("reason", reason), Updates.set("scheduledFor", MongoDocuments.date(until))));
	}

	/** A delivery as stored, and whether this call created it. */
	record Recorded(Delivery delivery, boolean created) {

	}

	private static Bson open(String id) {
		return Filters.and(Filters.eq("_id", id), Filters.in("status", DeliveryStatus.PENDING.wireName(),
				DeliveryStatus.DEFERRED.wireName()));
	}

	static Document toDocument(Delivery d) {
		Document document = new Document("_id", d.id()).append("eventId", d.eventId())
			.append("caseId", d.caseId())
			.append("customerId", d.customerId())
			.append("audience", d.audience().wireName())
			.append("template", d.template())
			.append("channel", (d.channel() != null) ? d.channel().wireName() : null)
			.append("recipient", d.recipient())
			.append("language", d.language())
			.append("status", d.status().wireName())
			.append("attempts", d.attempts())
			.append("providerMessageId", d.providerMessageId())
			.append("reason", d.reason())
			.append("createdAt", MongoDocuments.date(d.createdAt()))
			.append("scheduledFor", MongoDocuments.dateOrNull(d.scheduledFor()))
			.append("lastAttemptAt", MongoDocuments.dateOrNull(d.lastAttemptAt()))
			.append("sentAt", MongoDocuments.dateOrNull(d.sentAt()));
		document.entrySet().removeIf((field) -> field.getValue() == null);
		return document;
	}

	static Delivery fromDocument(Document d) {
		String channel = d.getString("channel");
		String audience = d.getString("audience");
		return new Delivery(d.getString("_id"), d.getString("eventId"), d.getString("caseId"),
				d.getString("customerId"), (audience != null) ? Audience.fromWire(audience) : Audience.CUSTOMER,
				d.getString("template"), (channel != null) ? ChannelType.fromWire(channel) : null,
				d.getString("recipient"), d.getString("language"), DeliveryStatus.fromWire(d.getString("status")),
				((Number) d.get("attempts")).intValue(), d.getString("providerMessageId"), d.getString("reason"),
				d.getDate("createdAt").toInstant(), MongoDocuments.instant(d.getDate("scheduledFor")),
				MongoDocuments.instant(d.getDate("lastAttemptAt")), MongoDocuments.instant(d.getDate("sentAt")));
	}

}
