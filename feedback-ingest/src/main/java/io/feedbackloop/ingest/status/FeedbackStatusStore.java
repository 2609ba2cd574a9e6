package io.feedbackloop.ingest.status;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.security.ApiClient;
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

	/** The channel system that sent the record (its client id), the only one that may read its status. */
	static final String CLIENT = "clientId";

	/** The case version of the last correction applied, so that an older one cannot undo it. */
	static final String CORRECTION_VERSION = "correctionVersion";

	private final MongoCollection<Document> feedback;

	public FeedbackStatusStore(MongoDatabase database, IngestProperties properties) {
		// A per-operation time limit: the accepted write runs while the caller waits for its 202.
		this.feedback = database.getCollection(COLLECTION)
			.withTimeout(properties.statusTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Records that Kafka acknowledged these records, in one round trip, and which channel system sent
	 * each. The status is only set when a document is new: a classification that arrived first must not
	 * be downgraded.
	 */
	public void recordAcceptedAll(List<Accepted> accepted) {
		if (accepted.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> writes = new ArrayList<>(accepted.size());
		for (Accepted record : accepted) {
			writes.add(new UpdateOneModel<>(Filters.eq("_id", record.received().feedbackId().value()),
					accepted(record), new UpdateOptions().upsert(true)));
		}
		this.feedback.bulkWrite(writes, new BulkWriteOptions().ordered(false));
	}

	private static Bson accepted(Accepted accepted) {
		FeedbackReceived received = accepted.received();
		return Updates.combine(Updates.set("channel", received.channel().wireName()),
				Updates.set("channelRecordId", received.channelRecordId()),
				Updates.set("customerId", received.customerId().value()),
				Updates.set("receivedAt", Date.from(received.receivedAt())), Updates.set(CLIENT, accepted.clientId()),
				Updates.setOnInsert("status", FeedbackStatus.ACCEPTED));
	}

	/**
	 * Records complaint-router's classification; repeating it changes nothing, and so does a late one
	 * (a dead letter replayed) after a person corrected the kind and category. The kind, category and
	 * case are written together, so that a reader never sees a case without its kind.
	 */
	public void recordClassified(FeedbackClassified classified) {
		List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", FeedbackStatus.CLASSIFIED),
				Updates.set("channel", classified.channel().wireName()),
				Updates.set("customerId", classified.customerId().value()),
				Updates.set("classifiedAt", Date.from(classified.classifiedAt()))));
		if (classified.caseId() != null) {
			updates.add(Updates.set("caseId", classified.caseId().value()));
		}
		Bson keepingTheCorrection = Updates.combine(updates);
		Bson withTheKind = Updates.combine(keepingTheCorrection, Updates.set("kind", classified.kind().wireName()),
				Updates.set("category", classified.category()));
		String feedbackId = classified.feedbackId().value();
		Bson uncorrected = Filters.and(Filters.eq("_id", feedbackId), Filters.exists(CORRECTION_VERSION, false));
		try {
			this.feedback.updateOne(uncorrected, withTheKind, new UpdateOptions().upsert(true));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// The document exists: a person corrected the classification, or the accepted write inserted
			// it at the same moment.
			if (this.feedback.updateOne(uncorrected, withTheKind).getMatchedCount() == 0) {
				this.feedback.updateOne(Filters.eq("_id", feedbackId), keepingTheCorrection);
			}
		}
	}

	/**
	 * Records a person's correction of the classification: the record's kind and category become the
	 * corrected ones. complaint-router writes it after the classification, on the same partition, so the
	 * status document exists; a correction older than one applied (by the case's version) changes nothing.
	 */
	public void recordReclassified(ComplaintReclassified reclassified) {
		this.feedback.updateOne(
				Filters.and(Filters.eq("_id", reclassified.feedbackId().value()),
						Filters.or(Filters.exists(CORRECTION_VERSION, false),
								Filters.lt(CORRECTION_VERSION, reclassified.version()))),
				Updates.combine(Updates.set("kind", reclassified.kind().wireName()),
						Updates.set("category", reclassified.category()),
						Updates.set("correctedAt", Date.from(reclassified.reclassifiedAt())),
						Updates.set(CORRECTION_VERSION, reclassified.version())));
	}

	/** The status whoever sent the record (for tests; over HTTP see {@link #findFor}). */
	Optional<FeedbackStatus> find(String feedbackId) {
		return document(feedbackId).map((doc) -> status(feedbackId, doc));
	}

	/**
	 * The status as one channel system may see it: only of a record it sent; of a record whose sender
	 * is not known yet (its classification arrived before the accepted write), only of its own
	 * channels. Otherwise empty, as for an unknown id, so that nobody learns of others' records.
	 */
	public Optional<FeedbackStatus> findFor(String feedbackId, ApiClient reader) {
		return document(feedbackId).filter((doc) -> mayRead(reader, doc)).map((doc) -> status(feedbackId, doc));
	}

	/** @throws StatusStoreUnavailableException when MongoDB does not answer (in time) */
	private Optional<Document> document(String feedbackId) {
		try {
			return Optional.ofNullable(this.feedback.find(Filters.eq("_id", feedbackId)).first());
		}
		catch (MongoException ex) {
			throw new StatusStoreUnavailableException("feedback status not readable: " + ex.getMessage(), ex);
		}
	}

	private static boolean mayRead(ApiClient reader, Document doc) {
		String sender = doc.getString(CLIENT);
		if (sender != null) {
			return sender.equals(reader.id());
		}
		String channel = doc.getString("channel");
		return channel != null && reader.mayPost(Channel.fromWire(channel));
	}

	private static FeedbackStatus status(String feedbackId, Document doc) {
		Date receivedAt = doc.getDate("receivedAt");
		return new FeedbackStatus(feedbackId, doc.getString("channel"), doc.getString("channelRecordId"),
				doc.getString("customerId"), (receivedAt != null) ? receivedAt.toInstant() : null,
				doc.getString("status"), doc.getString("kind"), doc.getString("category"), doc.getString("caseId"));
	}

	/**
	 * A record Kafka acknowledged, and who sent it.
	 * @param clientId the channel system's client id
	 */
	public record Accepted(FeedbackReceived received, String clientId) {

	}

}
