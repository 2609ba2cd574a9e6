package io.feedbackloop.notification.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.feedbackloop.notification.channel.ChannelType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@code deliveries} collection. Every write is a single-document operation keyed by the
 * delivery id, so that it works the same on a replica set and on the MongoDB-wire server; status
 * changes only leave {@code pending}, never another final status.
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
		try {
			this.deliveries.insertOne(toDocument(delivery));
			return new Recorded(delivery, true);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			return new Recorded(find(delivery.id()).orElseThrow(() -> ex), false);
		}
	}

	public Optional<Delivery> find(String id) {
		return Optional.ofNullable(this.deliveries.find(Filters.eq("_id", id)).first()).map(DeliveryLog::fromDocument);
	}

	/** The deliveries matching every given criterion, oldest first. */
	public List<Delivery> findBy(@Nullable String caseId, @Nullable String customerId) {
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
		List<Delivery> found = new ArrayList<>();
		this.deliveries.find(Filters.and(filters))
			.sort(Sorts.ascending("createdAt", "_id"))
			.forEach((document) -> found.add(fromDocument(document)));
		return found;
	}

	void markSent(String id, String providerMessageId, Instant sentAt) {
		this.deliveries.updateOne(pending(id),
				Updates.combine(Updates.set("status", DeliveryStatus.SENT.wireName()),
						Updates.set("providerMessageId", providerMessageId), Updates.set("sentAt", date(sentAt)),
						Updates.unset("reason"), Updates.inc("attempts", 1)));
	}

	void markFailed(String id, String reason) {
		this.deliveries.updateOne(pending(id), Updates.combine(Updates.set("status", DeliveryStatus.FAILED.wireName()),
				Updates.set("reason", reason), Updates.inc("attempts", 1)));
	}

	/** A temporary failure: counted, the reason kept, still pending for the retry. */
	void recordAttemptFailed(String id, String reason) {
		this.deliveries.updateOne(pending(id),
				Updates.combine(Updates.set("reason", reason), Updates.inc("attempts", 1)));
	}

	/** A delivery as stored, and whether this call created it. */
	record Recorded(Delivery delivery, boolean created) {

	}

	private static Bson pending(String id) {
		return Filters.and(Filters.eq("_id", id), Filters.eq("status", DeliveryStatus.PENDING.wireName()));
	}

	static Document toDocument(Delivery d) {
		Document document = new Document("_id", d.id()).append("eventId", d.eventId())
			.append("caseId", d.caseId())
			.append("customerId", d.customerId())
			.append("template", d.template())
			.append("channel", (d.channel() != null) ? d.channel().wireName() : null)
			.append("recipient", d.recipient())
			.append("language", d.language())
			.append("status", d.status().wireName())
			.append("attempts", d.attempts())
			.append("providerMessageId", d.providerMessageId())
			.append("reason", d.reason())
			.append("createdAt", date(d.createdAt()))
			.append("sentAt", (d.sentAt() != null) ? date(d.sentAt()) : null);
		document.entrySet().removeIf((field) -> field.getValue() == null);
		return document;
	}

	static Delivery fromDocument(Document d) {
		String channel = d.getString("channel");
		Date sentAt = d.getDate("sentAt");
		return new Delivery(d.getString("_id"), d.getString("eventId"), d.getString("caseId"),
				d.getString("customerId"), d.getString("template"),
				(channel != null) ? ChannelType.fromWire(channel) : null, d.getString("recipient"),
				d.getString("language"), DeliveryStatus.fromWire(d.getString("status")),
				((Number) d.get("attempts")).intValue(), d.getString("providerMessageId"), d.getString("reason"),
				d.getDate("createdAt").toInstant(), (sentAt != null) ? sentAt.toInstant() : null);
	}

	private static Date date(Instant instant) {
		return Date.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

}
