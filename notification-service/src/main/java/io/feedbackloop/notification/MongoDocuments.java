package io.feedbackloop.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** How this service's collections write: natural keys, inserts that may find their document there, BSON dates. */
public final class MongoDocuments {

	private MongoDocuments() {
	}

	/**
	 * Inserts the document unless one with its {@code _id} exists: the idempotent write of a
	 * redelivered event, on a replica set and on the MongoDB-wire server alike.
	 * @return whether this call inserted it
	 */
	public static boolean insertIfAbsent(MongoCollection<Document> collection, Document document) {
		try {
			collection.insertOne(document);
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			return false;
		}
	}

	/** An instant as MongoDB stores it: a date with millisecond precision. */
	public static Date date(Instant instant) {
		return Date.from(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	public static @Nullable Date dateOrNull(@Nullable Instant instant) {
		return (instant != null) ? date(instant) : null;
	}

	public static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
