package io.feedbackloop.ingest.status;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.ingest.IngestProperties;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.stereotype.Component;

/**
 * The {@code feedback} collection: one status document per feedback record, {@code _id} = feedback
 * id. Every write is a single-document upsert, safe on a replica set and on the MongoDB-wire server
 * alike.
 */
@Component
public class FeedbackStatusStore {

	static final String COLLECTION = "feedback";

	private final MongoCollection<Document> feedback;

	public FeedbackStatusStore(MongoDatabase database, IngestProperties properties) {
		// A per-operation time limit: the accepted write runs while the caller waits for its 202.
		this.feedback = database.getCollection(COLLECTION)
			.withTimeout(properties.statusTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Records that Kafka acknowledged the record. The status is only set when the document is new:
	 * a classification that arrived first must not be downgraded.
	 */
	public void recordAccepted(FeedbackReceived received) {
		upsert(received.feedbackId().value(), accepted(received));
	}

	/** The same for many records in one round trip (a batch). */
	public void recordAcceptedAll(List<FeedbackReceived> received) {
		if (received.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> writes = new ArrayList<>(received.size());
		for (FeedbackReceived record : received) {
			writes.add(new UpdateOneModel<>(Filters.eq("_id", record.feedbackId().value()), accepted(record),
					new UpdateOptions().upsert(true)));
		}
		this.feedback.bulkWrite(writes, new BulkWriteOptions().ordered(false));
	}

	private static Bson accepted(FeedbackReceived received) {
		return Updates.combine(Updates.set("channel", received.channel().wireName()),
				Updates.set("channelRecordId", received.channelRecordId()),
				Updates.set("customerId", received.customerId().value()),
				Updates.set("receivedAt", Date.from(received.receivedAt())),
				Updates.setOnInsert("status", FeedbackStatus.ACCEPTED));
	}

	/** Records complaint-router's classification; repeating it changes nothing. */
	public void recordClassified(FeedbackClassified classified) {
		List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", FeedbackStatus.CLASSIFIED),
				Updates.set("channel", classified.channel().wireName()),
				Updates.set("customerId", classified.customerId().value()),
				Updates.set("kind", classified.kind().wireName()), Updates.set("category", classified.category()),
				Updates.set("classifiedAt", Date.from(classified.classifiedAt()))));
		if (classified.caseId() != null) {
			updates.add(Updates.set("caseId", classified.caseId().value()));
		}
		upsert(classified.feedbackId().value(), Updates.combine(updates));
	}

	public Optional<FeedbackStatus> find(String feedbackId) {
		Document doc = this.feedback.find(Filters.eq("_id", feedbackId)).first();
		if (doc == null) {
			return Optional.empty();
		}
		Date receivedAt = doc.getDate("receivedAt");
		return Optional.of(new FeedbackStatus(feedbackId, doc.getString("channel"), doc.getString("channelRecordId"),
				doc.getString("customerId"), (receivedAt != null) ? receivedAt.toInstant() : null,
				doc.getString("status"), doc.getString("kind"), doc.getString("category"), doc.getString("caseId")));
	}

	private void upsert(String feedbackId, Bson update) {
		UpdateOptions upsert = new UpdateOptions().upsert(true);
		try {
			this.feedback.updateOne(Filters.eq("_id", feedbackId), update, upsert);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// Two upserts of a new id raced and the other inserted first; now the document exists.
			this.feedback.updateOne(Filters.eq("_id", feedbackId), update, upsert);
		}
	}

}
