package io.feedbackloop.router.classification;

import java.time.Clock;
import java.util.Date;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.feedbackloop.classifier.Decision;
import io.feedbackloop.classifier.Taxonomy;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;

/**
 * {@code classifier_shadow_results}: per feedback record the shadow model classified (keyed by the shadow
 * model and the record), what the active and the shadow
 * model decided per head and whether they agree; and the counter
 * {@code feedbackloop.router.classifier.shadow} (tags {@code head}, {@code shadow}, {@code agree}), whose
 * share of {@code agree=true} is the agreement per head.
 */
public class ShadowResults {

	static final String COLLECTION = "classifier_shadow_results";

	private final MongoCollection<Document> results;

	private final MeterRegistry meters;

	private final Clock clock;

	public ShadowResults(MongoDatabase database, MeterRegistry meters, Clock clock) {
		this.results = database.getCollection(COLLECTION);
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Keeps the comparison for one feedback record, once per shadow model: a redelivered record is neither
	 * stored nor counted again.
	 */
	void record(String feedbackId, Decision active, Decision shadow) {
		Document heads = new Document();
		for (String head : Taxonomy.HEADS) {
			Decision.HeadDecision a = active.head(head);
			Decision.HeadDecision s = shadow.head(head);
			heads.append(head, new Document("active", a.label()).append("shadow", s.label())
				.append("activeConfidence", a.confidence())
				.append("shadowConfidence", s.confidence())
				.append("agree", a.label().equals(s.label())));
		}
		Document id = new Document("shadowModel", shadow.modelVersion()).append("feedbackId", feedbackId);
		UpdateResult stored = this.results.updateOne(Filters.eq("_id", id),
				Updates.setOnInsert(new Document("feedbackId", feedbackId).append("activeVersion", active.version())
					.append("shadowVersion", shadow.version())
					.append("shadowModel", shadow.modelVersion())
					.append("heads", heads)
					.append("at", Date.from(this.clock.instant()))),
				new UpdateOptions().upsert(true));
		if (stored.getUpsertedId() == null) {
			return;
		}
		for (String head : Taxonomy.HEADS) {
			this.meters.counter("feedbackloop.router.classifier.shadow", "head", head, "shadow",
					shadow.modelVersion(), "agree", String.valueOf(heads.get(head, Document.class).getBoolean("agree")))
				.increment();
		}
	}

}
