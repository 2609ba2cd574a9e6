package io.feedbackloop.notification.survey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.feedbackloop.notification.MongoDocuments;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code surveys} collection. A survey is created once (insert by derived id) and answered once:
 * the answer is set only while none is recorded, in one conditional update, so that two clicks or two
 * instances cannot record two answers.
 */
@Component
class Surveys {

	static final String COLLECTION = "surveys";

	private final MongoCollection<Document> surveys;

	Surveys(MongoDatabase database) {
		this.surveys = database.getCollection(COLLECTION);
		this.surveys.createIndex(Indexes.ascending("caseId"), new IndexOptions().name("caseId"));
	}

	Survey createIfAbsent(Survey survey) {
		Document document = new Document("_id", survey.id()).append("type", Survey.TYPE)
			.append("eventId", survey.eventId())
			.append("caseId", survey.caseId())
			.append("customerId", survey.customerId())
			.append("language", survey.language())
			.append("createdAt", MongoDocuments.date(survey.createdAt()))
			.append("expiresAt", MongoDocuments.date(survey.expiresAt()));
		return MongoDocuments.insertIfAbsent(this.surveys, document) ? survey : find(survey.id()).orElseThrow();
	}

	Optional<Survey> find(String id) {
		return Optional.ofNullable(this.surveys.find(Filters.eq("_id", id)).first()).map(Surveys::fromDocument);
	}

	/** @return the survey with this answer, or empty when it had an answer already */
	Optional<Survey> answer(String id, int score, Instant at) {
		Document updated = this.surveys.findOneAndUpdate(
				Filters.and(Filters.eq("_id", id), Filters.exists("score", false)),
				Updates.combine(Updates.set("score", score), Updates.set("answeredAt", MongoDocuments.date(at))),
				new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
		return Optional.ofNullable(updated).map(Surveys::fromDocument);
	}

	/** Notes that the answer is queued for feedback-ingest. */
	void markForwarded(String id, Instant at) {
		this.surveys.updateOne(Filters.eq("_id", id), Updates.set("forwardedAt", MongoDocuments.date(at)));
	}

	/** Answers whose forwarding may have been cut short by a crash. */
	List<Survey> answeredNotForwarded() {
		List<Survey> found = new ArrayList<>();
		this.surveys.find(Filters.and(Filters.exists("score", true), Filters.exists("forwardedAt", false)))
			.forEach((document) -> found.add(fromDocument(document)));
		return found;
	}

	private static Survey fromDocument(Document d) {
		Number score = (Number) d.get("score");
		Date answeredAt = d.getDate("answeredAt");
		return new Survey(d.getString("_id"), d.getString("eventId"), d.getString("caseId"),
				d.getString("customerId"), d.getString("language"), d.getDate("createdAt").toInstant(),
				d.getDate("expiresAt").toInstant(), (score != null) ? score.intValue() : null,
				MongoDocuments.instant(answeredAt));
	}

}
