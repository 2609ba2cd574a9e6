package io.feedbackloop.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.feedbackloop.notification.MongoDocuments;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.Recipient;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * The {@code outbox} collection: messages not yet delivered, keyed by delivery id. The consumer puts
 * a message here and acknowledges its event; drainers on any instance claim due messages with a
 * lease ({@code leaseUntil}), so that a message is worked on by one instance at a time and taken over
 * when its instance dies. Only undelivered messages stay; the collection is small even when the
 * delivery log is not.
 */
@Component
class Outbox {

	static final String COLLECTION = "outbox";

	private static final Date NO_LEASE = new Date(0);

	private final MongoCollection<Document> outbox;

	Outbox(MongoDatabase database) {
		this.outbox = database.getCollection(COLLECTION);
		this.outbox.createIndex(Indexes.ascending("nextAttemptAt"), new IndexOptions().name("nextAttemptAt"));
	}

	/** Queues the message unless it is queued already. */
	void insertIfAbsent(OutboxEntry entry) {
		MongoDocuments.insertIfAbsent(this.outbox, toDocument(entry));
	}

	/**
	 * Claims up to {@code limit} due messages for this instance, oldest due first. A message another
	 * instance holds a live lease on is not due.
	 */
	List<OutboxEntry> claimDue(Instant now, int limit, String owner, Duration lease) {
		Date at = MongoDocuments.date(now);
		Bson due = Filters.and(Filters.lte("nextAttemptAt", at), Filters.lte("leaseUntil", at));
		List<Object> candidates = new ArrayList<>();
		this.outbox.find(due)
			.sort(Sorts.ascending("nextAttemptAt", "createdAt"))
			.limit(limit)
			.projection(new Document("_id", 1))
			.forEach((document) -> candidates.add(document.get("_id")));
		List<OutboxEntry> claimed = new ArrayList<>();
		for (Object id : candidates) {
			Document won = this.outbox.findOneAndUpdate(Filters.and(Filters.eq("_id", id), due),
					Updates.combine(Updates.set("leaseUntil", MongoDocuments.date(now.plus(lease))),
							Updates.set("leaseOwner", owner)),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
			if (won != null) {
				claimed.add(fromDocument(won));
			}
		}
		return claimed;
	}

	/**
	 * Extends this instance's lease on a message it claimed, right before sending it: a batch is claimed at once
	 * and sent one message after another, so a slow provider could let the lease on the last ones run out while
	 * this instance lives, and another take them over and send them too.
	 * @return whether this instance still holds the message (false: another took it over; leave it)
	 */
	boolean renew(String id, String owner, Instant until) {
		return this.outbox
			.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("leaseOwner", owner)),
					Updates.set("leaseUntil", MongoDocuments.date(until)))
			.getMatchedCount() > 0;
	}

	/** Gives a message this instance claimed back, untried: due as it was, free for any instance to take. */
	void release(String id, String owner) {
		this.outbox.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("leaseOwner", owner)),
				Updates.combine(Updates.set("leaseUntil", NO_LEASE), Updates.unset("leaseOwner")));
	}

	/** Releases the message until a later time; {@code failures} is the new count of failures. */
	void reschedule(String id, Instant nextAttemptAt, int failures) {
		this.outbox.updateOne(Filters.eq("_id", id),
				Updates.combine(Updates.set("nextAttemptAt", MongoDocuments.date(nextAttemptAt)),
						Updates.set("leaseUntil", NO_LEASE), Updates.unset("leaseOwner"),
						Updates.set("failures", failures)));
	}

	void remove(String id) {
		this.outbox.deleteOne(Filters.eq("_id", id));
	}

	long size() {
		return this.outbox.countDocuments();
	}

	private static Document toDocument(OutboxEntry e) {
		Document document = new Document("_id", e.id()).append("caseId", e.caseId())
			.append("customerId", e.customerId())
			.append("audience", e.audience().wireName())
			.append("template", e.template())
			.append("channel", e.recipient().channel().wireName())
			.append("recipient", e.recipient().address())
			.append("subject", e.subject())
			.append("text", e.text())
			.append("html", e.html())
			.append("data", new Document(Map.copyOf(e.data())))
			.append("zone", (e.zone() != null) ? e.zone().getId() : null)
			.append("since", MongoDocuments.date(e.since()))
			.append("createdAt", MongoDocuments.date(e.createdAt()))
			.append("nextAttemptAt", MongoDocuments.date(e.nextAttemptAt()))
			.append("failures", e.failures())
			.append("traceparent", e.traceParent())
			.append("leaseUntil", NO_LEASE);
		document.entrySet().removeIf((field) -> field.getValue() == null);
		return document;
	}

	private static OutboxEntry fromDocument(Document d) {
		Map<String, String> data = new LinkedHashMap<>();
		Document stored = d.get("data", Document.class);
		if (stored != null) {
			stored.forEach((key, value) -> data.put(key, String.valueOf(value)));
		}
		String zone = d.getString("zone");
		return new OutboxEntry(d.getString("_id"), d.getString("caseId"), d.getString("customerId"),
				Audience.fromWire(d.getString("audience")), d.getString("template"),
				new Recipient(ChannelType.fromWire(d.getString("channel")), d.getString("recipient")),
				d.getString("subject"), d.getString("text"), d.getString("html"), data,
				(zone != null) ? ZoneId.of(zone) : null, d.getDate("since").toInstant(),
				d.getDate("createdAt").toInstant(), d.getDate("nextAttemptAt").toInstant(),
				((Number) d.get("failures")).intValue(), d.getString("traceparent"));
	}

}
