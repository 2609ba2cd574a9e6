package io.feedbackloop.notification.cases;

import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.notification.MongoDocuments;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@code cases} collection: one document per routed case with the contact, language and
 * department, keyed by case id. Written with a replace-by-id, so that a redelivered routing event
 * changes nothing.
 */
@Component
public class CaseDirectory {

	static final String COLLECTION = "cases";

	private final MongoCollection<Document> cases;

	CaseDirectory(MongoDatabase database) {
		this.cases = database.getCollection(COLLECTION);
	}

	public void remember(KnownCase known) {
		Document contact = new Document();
		putPresent(contact, "name", known.contact().name());
		putPresent(contact, "phone", known.contact().phone());
		putPresent(contact, "email", known.contact().email());
		this.cases.replaceOne(Filters.eq("_id", known.caseId()), new Document("_id", known.caseId())
			.append("customerId", known.customerId())
			.append("channel", known.channel().wireName())
			.append("contact", contact)
			.append("language", known.language())
			.append("category", known.category())
			.append("department", known.department())
			.append("receivedAt", MongoDocuments.date(known.receivedAt()))
			.append("firstResponseDueAt", MongoDocuments.date(known.firstResponseDueAt())), new ReplaceOptions().upsert(true));
	}

	public Optional<KnownCase> find(String caseId) {
		return Optional.ofNullable(this.cases.find(Filters.eq("_id", caseId)).first()).map(CaseDirectory::fromDocument);
	}

	/** @throws UnknownCaseException when the case was never routed here */
	public KnownCase get(String caseId, String eventType) {
		return find(caseId).orElseThrow(() -> new UnknownCaseException(caseId, eventType));
	}

	private static KnownCase fromDocument(Document d) {
		Document contact = d.get("contact", Document.class);
		return new KnownCase(d.getString("_id"), d.getString("customerId"), Channel.fromWire(d.getString("channel")),
				new Contact(contact.getString("name"), contact.getString("phone"), contact.getString("email")),
				d.getString("language"), d.getString("category"), d.getString("department"),
				d.getDate("receivedAt").toInstant(), d.getDate("firstResponseDueAt").toInstant());
	}

	private static void putPresent(Document document, String key, @Nullable String value) {
		if (value != null) {
			document.append(key, value);
		}
	}

}
