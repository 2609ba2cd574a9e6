package io.feedbackloop.router.classification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.feedbackloop.classifier.Decision;
import io.feedbackloop.classifier.Taxonomy;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

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
		this.results.createIndex(Indexes.ascending("version"));
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Keeps the comparison for one feedback record, once per shadow model version: a redelivered record is
	 * neither stored nor counted again (even when the models its missing heads are composed with changed).
	 * @param version the shadow model's version
	 */
	void record(String feedbackId, String version, Decision active, Decision shadow) {
		Document heads = new Document();
		for (String head : Taxonomy.HEADS) {
			Decision.HeadDecision a = active.head(head);
			Decision.HeadDecision s = shadow.head(head);
			heads.append(head, new Document("active", a.label()).append("shadow", s.label())
				.append("activeConfidence", a.confidence())
				.append("shadowConfidence", s.confidence())
				.append("agree", a.label().equals(s.label())));
		}
		Document id = new Document("version", version).append("feedbackId", feedbackId);
		UpdateResult stored = this.results.updateOne(Filters.eq("_id", id),
				Updates.setOnInsert(new Document("version", version).append("feedbackId", feedbackId)
					.append("activeVersion", active.version())
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

	/**
	 * The stored version of a model run in shadow: a composed model names it first, then the models that
	 * decide the heads it lacks ({@code m-…/m-…}, see {@link io.feedbackloop.classifier.TextModel#withHeads}).
	 */
	static String ownVersion(String version) {
		int slash = version.indexOf('/');
		return (slash < 0) ? version : version.substring(0, slash);
	}

	/**
	 * One record a shadow model classified: per head, the active model's label and the shadow's.
	 * @param feedbackId the record ({@code null} for a comparison kept before records were named)
	 */
	public record Compared(@Nullable String feedbackId, Map<String, String> active, Map<String, String> shadow) {

	}

	/**
	 * Every comparison kept for a model version (run in shadow alone, or composed with the models deciding
	 * the heads it lacks: {@code m-…/m-…}), in batches. Comparisons kept before they were named by
	 * {@code version} (2026-11-24) are left out.
	 */
	public void forEach(String version, int batchSize, Consumer<List<Compared>> batches) {
		List<Compared> batch = new ArrayList<>(batchSize);
		for (Document d : this.results.find(Filters.eq("version", version)).projection(Projections.include("feedbackId", "heads"))) {
			Document heads = d.get("heads", Document.class);
			Map<String, String> active = new LinkedHashMap<>();
			Map<String, String> shadow = new LinkedHashMap<>();
			for (String head : Taxonomy.HEADS) {
				Document h = heads.get(head, Document.class);
				if (h != null) {
					active.put(head, h.getString("active"));
					shadow.put(head, h.getString("shadow"));
				}
			}
			batch.add(new Compared(d.getString("feedbackId"), active, shadow));
			if (batch.size() == batchSize) {
				batches.accept(batch);
				batch = new ArrayList<>(batchSize);
			}
		}
		if (!batch.isEmpty()) {
			batches.accept(batch);
		}
	}

}
