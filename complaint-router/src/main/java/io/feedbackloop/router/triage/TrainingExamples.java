package io.feedbackloop.router.triage;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.feedbackloop.classifier.Example;
import io.feedbackloop.classifier.Taxonomy;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * {@code training_examples}: texts labelled by people (an agent's correction of a classification),
 * from which the classifier is trained. One document per correction applied, {@code _id} derived from the
 * case and the version the correction made, so that storing the same correction twice keeps one; the
 * classifier trains on the latest of each case.
 */
@Component
public class TrainingExamples {

	static final String COLLECTION = "training_examples";

	static final String AGENT_CORRECTION = "agent-correction";

	private final MongoCollection<Document> examples;

	TrainingExamples(MongoDatabase database) {
		this.examples = database.getCollection(COLLECTION);
		this.examples.createIndex(Indexes.ascending("createdAt"), new IndexOptions().name("created"));
	}

	void store(String id, String text, String language, String kind, String category, String caseId, long caseVersion,
			String correctedBy, Instant createdAt) {
		try {
			this.examples.insertOne(new Document("_id", id).append("text", text)
				.append("language", language)
				.append("kind", kind)
				.append("category", category)
				.append("source", AGENT_CORRECTION)
				.append("caseId", caseId)
				.append("caseVersion", caseVersion)
				.append("correctedBy", correctedBy)
				.append("createdAt", Date.from(createdAt)));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}

	private record Versioned(long version, Example example) {
	}

	/**
	 * The examples to train on, labelled for the heads {@code kind} and {@code category}: of a case corrected more
	 * than once only its latest correction (an earlier one was found wrong: trained on too, the model would learn
	 * both labels for one text), in the order of the corrections.
	 */
	public List<Example> all() {
		Map<String, Versioned> latest = new LinkedHashMap<>();
		this.examples.find().sort(Indexes.ascending("createdAt", "_id")).forEach((d) -> {
			Map<String, String> labels = new HashMap<>();
			if (d.getString("kind") != null) {
				labels.put(Taxonomy.KIND, d.getString("kind"));
			}
			if (d.getString("category") != null) {
				labels.put(Taxonomy.CATEGORY, d.getString("category"));
			}
			String key = (d.getString("caseId") != null) ? "case:" + d.getString("caseId") : d.getString("_id");
			// the correction that made the later version of the case (not the one written later: clocks differ)
			long version = (d.get("caseVersion") instanceof Number n) ? n.longValue() : 0;
			Versioned before = latest.get(key);
			if (before == null || version >= before.version()) {
				latest.remove(key);
				latest.put(key, new Versioned(version, new Example(d.getString("_id"), d.getString("text"), labels)));
			}
		});
		return latest.values().stream().map(Versioned::example).toList();
	}

}
