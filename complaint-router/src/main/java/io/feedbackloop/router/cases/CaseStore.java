package io.feedbackloop.router.cases;

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
import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.router.classification.Classification;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code complaint_cases} collection: one document per case, {@code _id} the case id, a unique
 * index on the feedback id (one case per piece of feedback, whatever happens).
 */
@Component
public class CaseStore {

	static final String COLLECTION = "complaint_cases";

	private final MongoCollection<Document> cases;

	CaseStore(MongoDatabase database) {
		this.cases = database.getCollection(COLLECTION);
		this.cases.createIndex(Indexes.ascending("feedbackId"), new IndexOptions().unique(true).name("feedbackId_unique"));
		this.cases.createIndex(Indexes.ascending("customerId", "receivedAt"), new IndexOptions().name("customer_received"));
		this.cases.createIndex(Indexes.ascending("department", "status"), new IndexOptions().name("department_status"));
	}

	/**
	 * Stores the case unless one exists for its feedback already.
	 * @return the stored case: the given one, or the one stored before
	 */
	public ComplaintCase openIfAbsent(ComplaintCase complaintCase) {
		try {
			this.cases.insertOne(toDocument(complaintCase));
			return complaintCase;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			return findByFeedback(complaintCase.feedbackId()).orElseThrow(() -> ex);
		}
	}

	public Optional<ComplaintCase> find(CaseId caseId) {
		return Optional.ofNullable(this.cases.find(Filters.eq("_id", caseId.value())).first()).map(CaseStore::fromDocument);
	}

	public Optional<ComplaintCase> findByFeedback(FeedbackId feedbackId) {
		return Optional.ofNullable(this.cases.find(Filters.eq("feedbackId", feedbackId.value())).first())
			.map(CaseStore::fromDocument);
	}

	public long countByFeedback(FeedbackId feedbackId) {
		return this.cases.countDocuments(Filters.eq("feedbackId", feedbackId.value()));
	}

	static Document toDocument(ComplaintCase c) {
		Classification cl = c.classification();
		List<Document> history = c.history()
			.stream()
			.map((h) -> new Document("status", h.status()).append("at", Date.from(h.at())).append("note", h.note()))
			.toList();
		return new Document("_id", c.caseId().value()).append("feedbackId", c.feedbackId().value())
			.append("customerId", c.customerId().value())
			.append("channel", c.channel().wireName())
			.append("channelRecordId", c.channelRecordId())
			.append("contact",
					new Document("name", c.contact().name()).append("phone", c.contact().phone())
						.append("email", c.contact().email()))
			.append("language", c.language())
			.append("text", c.text())
			.append("kind", cl.kind().wireName())
			.append("category", cl.category())
			.append("confidence", cl.confidence())
			.append("sentiment", cl.sentiment())
			.append("classifierVersion", cl.version())
			.append("evidence", cl.evidence())
			.append("department", c.department())
			.append("status", c.status())
			.append("receivedAt", Date.from(c.receivedAt()))
			.append("firstResponseDueAt", Date.from(c.firstResponseDueAt()))
			.append("routedAt", Date.from(c.routedAt()))
			.append("history", history)
			.append("version", c.version());
	}

	static ComplaintCase fromDocument(Document d) {
		Document contact = d.get("contact", Document.class);
		List<ComplaintCase.HistoryEntry> history = new ArrayList<>();
		for (Document h : d.getList("history", Document.class)) {
			history.add(new ComplaintCase.HistoryEntry(h.getString("status"), h.getDate("at").toInstant(),
					h.getString("note")));
		}
		Classification classification = new Classification(FeedbackKind.fromWire(d.getString("kind")),
				d.getString("category"), d.getDouble("confidence"), d.getString("sentiment"),
				d.getString("classifierVersion"), d.getList("evidence", String.class));
		return new ComplaintCase(new CaseId(d.getString("_id")), new FeedbackId(d.getString("feedbackId")),
				new CustomerId(d.getString("customerId")), Channel.fromWire(d.getString("channel")),
				d.getString("channelRecordId"),
				new Contact(contact.getString("name"), contact.getString("phone"), contact.getString("email")),
				d.getString("language"), d.getString("text"), classification, d.getString("department"),
				d.getString("status"), d.getDate("receivedAt").toInstant(),
				d.getDate("firstResponseDueAt").toInstant(), d.getDate("routedAt").toInstant(), history,
				((Number) d.get("version")).longValue());
	}

}
