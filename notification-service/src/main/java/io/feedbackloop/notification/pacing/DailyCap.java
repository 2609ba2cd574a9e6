package io.feedbackloop.notification.pacing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * At most N messages per customer and local day, across every instance of the service. Collection
 * {@code daily_message_counts}: one document per (customer, day) with the ids of the deliveries that
 * took a place. A place is taken with one conditional upsert — match the document only while its
 * list has fewer than N ids; when it has N the upsert collides with the existing {@code _id} and
 * fails (and the same update without upsert then matches nothing) — so two instances can never both take
 * the last place, two taking the day's first place both get one, and taking a place twice for the same
 * delivery changes nothing.
 */
public final class DailyCap {

	static final String COLLECTION = "daily_message_counts";

	private final MongoCollection<Document> counts;

	private final int cap;

	public DailyCap(MongoDatabase database, int cap) {
		this.counts = database.getCollection(COLLECTION);
		this.cap = cap;
	}

	/** Takes a place for the delivery on the customer's day; false when the day is full. */
	public boolean take(String customerId, LocalDate day, String deliveryId) {
		String id = key(customerId, day);
		if (this.counts.find(Filters.and(Filters.eq("_id", id), Filters.eq("deliveries", deliveryId))).first() != null) {
			return true;
		}
		Bson notFull = Filters.and(Filters.eq("_id", id), Filters.exists("deliveries." + (this.cap - 1), false));
		Bson take = Updates.combine(Updates.addToSet("deliveries", deliveryId),
				Updates.setOnInsert("customerId", customerId), Updates.setOnInsert("day", day.toString()));
		try {
			this.counts.updateOne(notFull, take, new UpdateOptions().upsert(true));
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// The day is full, or another instance created the day's document at the same moment (both
			// upserted the customer's first message of the day): which one, the update without upsert says.
			return this.counts.updateOne(notFull, take).getMatchedCount() > 0;
		}
	}

	/** Gives a place back: the message was not sent after all. */
	public void release(String customerId, LocalDate day, String deliveryId) {
		this.counts.updateOne(Filters.eq("_id", key(customerId, day)), Updates.pull("deliveries", deliveryId));
	}

	/** The start of the customer's next day. */
	public static Instant nextDay(Instant now, ZoneId zone) {
		return now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
	}

	private static String key(String customerId, LocalDate day) {
		return customerId + "/" + day;
	}

}
