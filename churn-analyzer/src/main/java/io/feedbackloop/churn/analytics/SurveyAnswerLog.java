package io.feedbackloop.churn.analytics;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.feedbackloop.churn.profile.ProfileChanges;
import io.feedbackloop.churn.profile.ProfileListener;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackReceived;
import org.bson.Document;

import jakarta.annotation.PostConstruct;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code survey_answers}: every CSAT or NPS answer that came back as feedback, one document per event
 * ({@code _id} the event id, so a repeat replaces it with itself), for NPS and CSAT over time.
 */
@Component
public class SurveyAnswerLog implements ProfileListener {

	public static final String COLLECTION = "survey_answers";

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

	private final MongoCollection<Document> answers;

	@Autowired
	SurveyAnswerLog(MongoDatabase database) {
		this(database.getCollection(COLLECTION));
	}

	private SurveyAnswerLog(MongoCollection<Document> answers) {
		this.answers = answers;
	}

	/** A log writing another collection, such as the fresh one a rebuild fills. */
	public static SurveyAnswerLog in(MongoCollection<Document> answers) {
		SurveyAnswerLog log = new SurveyAnswerLog(answers);
		log.createIndexes();
		return log;
	}

	@PostConstruct
	void createIndexes() {
		this.answers.createIndex(Indexes.ascending("type", "month"));
		this.answers.createIndex(Indexes.ascending("customerId"));
	}

	@Override
	public void changed(CustomerId customer, Event<?> event) {
		event.dataAs(EventTypes.FEEDBACK_RECEIVED).ifPresent((feedback) -> keep(event.envelope().id(), feedback));
	}

	/** Keeps the answer the feedback carries, if it is one. */
	public void keep(String eventId, FeedbackReceived feedback) {
		answer(eventId, feedback).ifPresent(
				(answer) -> this.answers.replaceOne(Filters.eq("_id", eventId), answer, new ReplaceOptions().upsert(true)));
	}

	/**
	 * {@link #changed} for many events at once (a rebuild's chunk): the answers among them kept with
	 * one unordered bulk write.
	 */
	public void keepAll(Collection<Event<?>> events) {
		List<ReplaceOneModel<Document>> writes = new ArrayList<>();
		ReplaceOptions upsert = new ReplaceOptions().upsert(true);
		for (Event<?> event : events) {
			String eventId = event.envelope().id();
			event.dataAs(EventTypes.FEEDBACK_RECEIVED)
				.flatMap((feedback) -> answer(eventId, feedback))
				.ifPresent((answer) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", eventId), answer, upsert)));
		}
		if (!writes.isEmpty()) {
			this.answers.bulkWrite(writes, new BulkWriteOptions().ordered(false));
		}
	}

	private static Optional<Document> answer(String eventId, FeedbackReceived feedback) {
		return ProfileChanges.surveyAnswer(feedback)
			.map((answer) -> new Document("_id", eventId).append("customerId", feedback.customerId().value())
				.append("type", answer.nps() ? "nps" : "csat")
				.append("score", answer.score())
				.append("answeredAt", Date.from(feedback.occurredAt()))
				.append("month", MONTH.format(feedback.occurredAt()))
				.append("channelRecordId", feedback.channelRecordId()));
	}

}
