package io.feedbackloop.router.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.router.classification.Classification;
import io.feedbackloop.router.routing.Severity;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@code complaint_cases} collection: one document per case, {@code _id} the case id, a unique
 * index on the feedback id (one case per piece of feedback, whatever happens). Every change is one
 * atomic update of one document, applied only when the document is still at the version the change
 * was decided on; the events announcing the change ride along in {@code pendingEvents}.
 */
@Component
public class CaseStore {

	static final String COLLECTION = "complaint_cases";

	static final String PENDING_EVENTS = "pendingEvents";

	static final String LINKED_FEEDBACK = "linkedFeedbackIds";

	private final MongoCollection<Document> cases;

	CaseStore(MongoDatabase database) {
		this.cases = database.getCollection(COLLECTION);
		this.cases.createIndex(Indexes.ascending("feedbackId"), new IndexOptions().unique(true).name("feedbackId_unique"));
		this.cases.createIndex(Indexes.ascending("customerId", "receivedAt"), new IndexOptions().name("customer_received"));
		this.cases.createIndex(Indexes.ascending("department", "status"), new IndexOptions().name("department_status"));
		// The silence closer's walk: its filter and its sort (statusChangedAt, then _id) from the index.
		this.cases.createIndex(Indexes.ascending("status", "statusChangedAt", "_id"),
				new IndexOptions().name("status_changed_id"));
		this.cases.createIndex(Indexes.ascending(LINKED_FEEDBACK), new IndexOptions().name("linked_feedback"));
		// For the compare-and-set in apply: the MongoDB-wire server uses an index only for a filter with
		// exactly its keys ({_id} alone is not {_id, version}); on MongoDB the _id index answers anyway.
		this.cases.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("cas"));
	}

	/**
	 * Stores the case with the events announcing it, unless one exists for its feedback already.
	 * @return the stored case: the given one, or the one stored before
	 */
	public ComplaintCase openIfAbsent(ComplaintCase complaintCase, List<Event<?>> events) {
		try {
			this.cases.insertOne(toDocument(complaintCase).append(PENDING_EVENTS,
					events.stream().map((e) -> PendingEvent.of(e).toDocument()).toList()));
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
		return first(Filters.eq("_id", caseId.value()));
	}

	/** The case opened for this feedback. */
	public Optional<ComplaintCase> findByFeedback(FeedbackId feedbackId) {
		return first(Filters.eq("feedbackId", feedbackId.value()));
	}

	/** The case this feedback opened or was linked to as a repeat contact. */
	public Optional<ComplaintCase> findByOpeningOrLinkedFeedback(FeedbackId feedbackId) {
		return first(Filters.or(Filters.eq("feedbackId", feedbackId.value()),
				Filters.eq(LINKED_FEEDBACK, feedbackId.value())));
	}

	/**
	 * The kind and category a person gave the cases opened by these feedback records, of those a person
	 * classified or corrected; by feedback id.
	 */
	public Map<String, Classification> correctedByFeedback(Collection<String> feedbackIds) {
		Map<String, Classification> corrected = new HashMap<>();
		if (feedbackIds.isEmpty()) {
			return corrected;
		}
		this.cases.find(Filters.and(Filters.in("feedbackId", feedbackIds), Filters.ne("correctedBy", null)))
			.forEach((d) -> corrected.put(d.getString("feedbackId"), fromDocument(d).classification()));
		return corrected;
	}

	public long countByFeedback(FeedbackId feedbackId) {
		return this.cases.countDocuments(Filters.eq("feedbackId", feedbackId.value()));
	}

	/** How many cases are in the status now (the manual-triage queue's length, for one). */
	public long countInStatus(CaseStatus status) {
		return this.cases.countDocuments(Filters.eq("status", status.wireName()));
	}

	/** The customer's cases that are not closed or invalid and had a contact at or after {@code since}. */
	public List<ComplaintCase> openCasesOf(CustomerId customer, Instant since) {
		List<String> ended = CaseLifecycle.ENDED.stream().map(CaseStatus::wireName).toList();
		return list(Filters.and(Filters.eq("customerId", customer.value()), Filters.nin("status", ended),
				Filters.gte("lastContactAt", Date.from(since))), Sorts.descending("lastContactAt"), 50);
	}

	/** Cases, oldest first, optionally of one department, one status and one customer. */
	public List<ComplaintCase> list(@Nullable String department, @Nullable CaseStatus status,
			@Nullable CustomerId customer, int limit) {
		List<Bson> filters = new ArrayList<>();
		if (customer != null) {
			filters.add(Filters.eq("customerId", customer.value()));
		}
		if (department != null) {
			filters.add(Filters.eq("department", department));
		}
		if (status != null) {
			filters.add(Filters.eq("status", status.wireName()));
		}
		return list(filters.isEmpty() ? new Document() : Filters.and(filters), Sorts.ascending("receivedAt"), limit);
	}

	/**
	 * Cases in a status that began at or before {@code cutoff}, oldest first (by {@code statusChangedAt},
	 * then id), after the case {@code after} in that order when given: one page of a walk through them
	 * that cases left in the status cannot hold up.
	 */
	public List<ComplaintCase> inStatusSince(CaseStatus status, Instant cutoff, @Nullable ComplaintCase after,
			int limit) {
		Bson filter = Filters.and(Filters.eq("status", status.wireName()),
				Filters.lte("statusChangedAt", Date.from(cutoff)));
		if (after != null) {
			Date at = Date.from(after.statusChangedAt());
			filter = Filters.and(filter, Filters.or(Filters.gt("statusChangedAt", at),
					Filters.and(Filters.eq("statusChangedAt", at), Filters.gt("_id", after.caseId().value()))));
		}
		return list(filter, Sorts.ascending("statusChangedAt", "_id"), limit);
	}

	/**
	 * Applies a change if the case is still at {@code expectedVersion}.
	 * @return the case after the change, or empty when it is missing or at another version
	 */
	Optional<ComplaintCase> apply(CaseId caseId, long expectedVersion, CaseChange change) {
		Document updated = this.cases.findOneAndUpdate(
				new Document("_id", caseId.value()).append("version", expectedVersion),
				change.toUpdate(), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		return Optional.ofNullable(updated).map(CaseStore::fromDocument);
	}

	List<PendingEvent> pendingEvents(CaseId caseId) {
		Document document = this.cases.find(Filters.eq("_id", caseId.value()))
			.projection(Projections.include(PENDING_EVENTS))
			.first();
		if (document == null) {
			return List.of();
		}
		return document.getList(PENDING_EVENTS, Document.class, List.of())
			.stream()
			.map(PendingEvent::fromDocument)
			.toList();
	}

	void removePendingEvents(CaseId caseId, List<String> eventIds) {
		if (!eventIds.isEmpty()) {
			this.cases.updateOne(Filters.eq("_id", caseId.value()),
					Updates.pull(PENDING_EVENTS, Filters.in("id", eventIds)));
		}
	}

	/** Cases with events not yet acknowledged by Kafka. */
	List<CaseId> withPendingEvents(int limit) {
		List<CaseId> ids = new ArrayList<>();
		this.cases.find(Filters.exists(PENDING_EVENTS + ".0"))
			.projection(Projections.include("_id"))
			.limit(limit)
			.forEach((d) -> ids.add(new CaseId(d.getString("_id"))));
		return ids;
	}

	private Optional<ComplaintCase> first(Bson filter) {
		return Optional.ofNullable(this.cases.find(filter).first()).map(CaseStore::fromDocument);
	}

	private List<ComplaintCase> list(Bson filter, Bson sort, int limit) {
		List<ComplaintCase> found = new ArrayList<>();
		this.cases.find(filter).sort(sort).limit(limit).forEach((d) -> found.add(fromDocument(d)));
		return found;
	}

	static Document toDocument(ComplaintCase c) {
		Classification cl = c.classification();
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
			.append("confidences", new Document(new LinkedHashMap<>(cl.confidences())))
			.append("sentiment", cl.sentiment())
			.append("classifierVersion", cl.version())
			.append("evidence", cl.evidence())
			.append("severity", c.severity())
			.append("severityReasons", c.severityReasons())
			.append("tier", c.tier())
			.append("department", c.department())
			.append("ownerRole", c.ownerRole())
			.append("routingRule", c.routingRule())
			.append("assignee", c.assignee())
			.append("status", c.status().wireName())
			.append("pausedFrom", (c.pausedFrom() != null) ? c.pausedFrom().wireName() : null)
			.append("receivedAt", Date.from(c.receivedAt()))
			.append("firstResponseDueAt", Date.from(c.firstResponseDueAt()))
			.append("routedAt", Date.from(c.routedAt()))
			.append("statusChangedAt", Date.from(c.statusChangedAt()))
			.append("lastContactAt", Date.from(c.lastContactAt()))
			.append("firstRespondedAt", (c.firstRespondedAt() != null) ? Date.from(c.firstRespondedAt()) : null)
			.append("responses", c.responses())
			.append("repeatContacts", c.repeatContacts())
			.append("routings", c.routings())
			.append("cause", c.cause())
			.append("responsibleParty", c.responsibleParty())
			.append("remedy", c.remedy())
			.append("remedyApprovedBy", c.remedyApprovedBy())
			.append("correctedBy", c.correctedBy())
			.append(LINKED_FEEDBACK, List.of())
			.append("history", c.history().stream().map(CaseStore::historyToDocument).toList())
			.append("version", c.version());
	}

	static Document historyToDocument(ComplaintCase.HistoryEntry h) {
		return new Document("action", h.action()).append("from", (h.from() != null) ? h.from().wireName() : null)
			.append("status", h.status().wireName())
			.append("at", Date.from(h.at()))
			.append("actor", h.actor())
			.append("actorRole", h.actorRole())
			.append("note", h.note())
			.append("details", new Document(new LinkedHashMap<>(h.details())));
	}

	static ComplaintCase fromDocument(Document d) {
		Document contact = d.get("contact", Document.class);
		List<ComplaintCase.HistoryEntry> history = new ArrayList<>();
		for (Document h : d.getList("history", Document.class, List.of())) {
			history.add(historyFromDocument(h));
		}
		Map<String, Double> confidences = new LinkedHashMap<>();
		Document stored = d.get("confidences", Document.class);
		if (stored != null) {
			stored.forEach((head, value) -> confidences.put(head, ((Number) value).doubleValue()));
		}
		// The classification's language is the text's: the case's (detected by feedback-ingest when the channel
		// did not say).
		Classification classification = new Classification(FeedbackKind.fromWire(d.getString("kind")),
				d.getString("category"), d.getDouble("confidence"), d.getString("sentiment"),
				d.getString("classifierVersion"), d.getList("evidence", String.class), confidences,
				d.getString("language"));
		Instant receivedAt = d.getDate("receivedAt").toInstant();
		Instant routedAt = d.getDate("routedAt").toInstant();
		return new ComplaintCase(new CaseId(d.getString("_id")), new FeedbackId(d.getString("feedbackId")),
				new CustomerId(d.getString("customerId")), Channel.fromWire(d.getString("channel")),
				d.getString("channelRecordId"),
				new Contact(contact.getString("name"), contact.getString("phone"), contact.getString("email")),
				d.getString("language"), d.getString("text"), classification,
				d.get("severity", Severity.NORMAL), d.get("tier", "standard"), d.getString("department"),
				d.get("ownerRole", "agent"), d.get("routingRule", "default"), d.getString("assignee"),
				status(d.getString("status")), optionalStatus(d.getString("pausedFrom")), receivedAt,
				d.getDate("firstResponseDueAt").toInstant(), routedAt, instant(d, "statusChangedAt", routedAt),
				instant(d, "lastContactAt", receivedAt), optionalInstant(d, "firstRespondedAt"), count(d, "responses", 0),
				count(d, "repeatContacts", 0), count(d, "routings", 1), d.getString("cause"),
				d.getString("responsibleParty"), d.getString("remedy"), d.getString("remedyApprovedBy"),
				d.getString("correctedBy"), history, ((Number) d.get("version")).longValue(),
				d.getList("severityReasons", String.class, List.of()));
	}

	private static ComplaintCase.HistoryEntry historyFromDocument(Document h) {
		Map<String, String> details = new LinkedHashMap<>();
		Document stored = h.get("details", Document.class);
		if (stored != null) {
			stored.forEach((key, value) -> details.put(key, String.valueOf(value)));
		}
		// Cases written before the lifecycle existed have entries {status, at, note} only.
		String action = h.getString("action");
		return new ComplaintCase.HistoryEntry((action != null) ? action : h.getString("status"),
				optionalStatus(h.getString("from")), status(h.getString("status")), h.getDate("at").toInstant(),
				h.get("actor", "system"), h.get("actorRole", "system"), h.getString("note"), details);
	}

	private static CaseStatus status(String wire) {
		// "routed" was the only status before the lifecycle: such a case has been received.
		return "routed".equals(wire) ? CaseStatus.RECEIVED : CaseStatus.fromWire(wire);
	}

	private static @Nullable CaseStatus optionalStatus(@Nullable String wire) {
		return (wire != null) ? status(wire) : null;
	}

	private static Instant instant(Document d, String field, Instant otherwise) {
		Date date = d.getDate(field);
		return (date != null) ? date.toInstant() : otherwise;
	}

	private static @Nullable Instant optionalInstant(Document d, String field) {
		Date date = d.getDate(field);
		return (date != null) ? date.toInstant() : null;
	}

	private static int count(Document d, String field, int otherwise) {
		Object value = d.get(field);
		return (value instanceof Number number) ? number.intValue() : otherwise;
	}

}
