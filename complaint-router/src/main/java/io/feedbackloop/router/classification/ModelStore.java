package io.feedbackloop.router.classification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.classifier.TextModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

/**
 * {@code classifier_models}: one document per model version, with the model file's bytes in the document
 * (a model trained from the bundled seeds is about 4.6 MB; with more corrections, once every head keeps every
 * feature, more: 6.3 MB measured for the 2,723 seeds so trained;
 * files over {@value #MAX_BYTES} bytes are refused,
 * as a document holds at most 16 MB) and its status: {@code trained}, {@code shadow}, {@code active} or
 * {@code retired}. At most one model is active and one in shadow; when an activation races another, the
 * latest {@code statusAt} wins (see {@link #promote}).
 */
public class ModelStore {

	static final String COLLECTION = "classifier_models";

	public static final int MAX_BYTES = 15 * 1024 * 1024;

	static final String TRAINED = "trained";

	static final String SHADOW = "shadow";

	static final String ACTIVE = "active";

	static final String RETIRED = "retired";

	private final MongoCollection<Document> models;

	public ModelStore(MongoDatabase database) {
		this.models = database.getCollection(COLLECTION);
	}

	/** A stored model's description (without its bytes). */
	public record StoredModel(String version, String status, @Nullable String taxonomy, String trainedFrom,
			int trainingSize, Instant createdAt, @Nullable String createdBy, Map<String, Object> heads,
			int sizeBytes) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("version", this.version);
			json.put("status", this.status);
			json.put("taxonomy", this.taxonomy);
			json.put("trainedFrom", this.trainedFrom);
			json.put("trainingSize", this.trainingSize);
			json.put("createdAt", this.createdAt.toString());
			json.put("createdBy", this.createdBy);
			json.put("sizeBytes", this.sizeBytes);
			json.put("heads", this.heads);
			return json;
		}

	}

	/** Stores a model as {@code trained}; storing the same version again keeps the one stored. */
	StoredModel store(TextModel model, byte[] bytes, String createdBy, Instant now) {
		if (bytes.length > MAX_BYTES) {
			throw new IllegalArgumentException("The model is " + bytes.length + " bytes; at most " + MAX_BYTES);
		}
		Document heads = new Document();
		model.metadata().heads().forEach((head, info) -> {
			Document described = new Document("labels", info.labels()).append("trainingSize", info.trainingSize())
				.append("holdoutAccuracy", info.holdoutAccuracy())
				.append("holdoutMacroF1", info.holdoutMacroF1());
			if (info.context() != null) {
				// read in the context of that head's label (a head of 20,000+ rows, Trainer.withContext)
				described.append("context", info.context().head());
			}
			heads.append(head, described);
		});
		Document document = new Document("_id", model.version()).append("status", TRAINED)
			.append("taxonomy", model.metadata().taxonomy())
			.append("trainedFrom", model.metadata().trainedFrom())
			.append("trainingSize", model.metadata().trainingSize())
			.append("modelCreatedAt", model.metadata().createdAt())
			.append("createdAt", Date.from(now))
			.append("createdBy", createdBy)
			.append("heads", heads)
			.append("sizeBytes", bytes.length)
			.append("bytes", new Binary(bytes));
		try {
			this.models.insertOne(document);
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		return find(model.version()).orElseThrow();
	}

	public Optional<StoredModel> find(String version) {
		return Optional.ofNullable(this.models.find(Filters.eq("_id", version))
			.projection(Projections.exclude("bytes"))
			.first()).map(ModelStore::describe);
	}

	Optional<byte[]> bytes(String version) {
		Document d = this.models.find(Filters.eq("_id", version)).first();
		return Optional.ofNullable(d).map((doc) -> doc.get("bytes", Binary.class).getData());
	}

	List<StoredModel> list() {
		List<StoredModel> all = new ArrayList<>();
		this.models.find()
			.projection(Projections.exclude("bytes"))
			.sort(Sorts.descending("createdAt"))
			.forEach((d) -> all.add(describe(d)));
		return all;
	}

	/** The version with the status (the latest set, should two be). */
	Optional<String> withStatus(String status) {
		Document d = this.models.find(Filters.eq("status", status))
			.projection(Projections.include("_id"))
			.sort(Sorts.descending("statusAt"))
			.first();
		return Optional.ofNullable(d).map((doc) -> doc.getString("_id"));
	}

	/**
	 * The active version (the latest set, should two be) and, per head of {@link Taxonomy#HEADS} it lacks, the
	 * version that decides that head: see {@link #promote}.
	 *
	 * @param headsFrom a head it lacks and no version listed: the seed model decides it
	 */
	record Active(String version, Map<String, String> headsFrom) {
	}

	Optional<Active> active() {
		return Optional.ofNullable(activeDocument()).map((d) -> {
			Map<String, String> from = new LinkedHashMap<>();
			Document headsFrom = d.get("headsFrom", Document.class);
			if (headsFrom != null) {
				headsFrom.forEach((head, version) -> from.put(head, (String) version));
			}
			return new Active(d.getString("_id"), from);
		});
	}

	/**
	 * Gives {@code version} the status {@code active} or {@code shadow}; the model that had it before goes to
	 * {@code retired} (active) or back to {@code trained} (shadow), unless it got it later than {@code now}
	 * (an activation racing another: the latest wins, and never leaves none active). The caller refuses to
	 * change the active version's status, and does nothing when the version has the status already.
	 *
	 * <p>An activation records in {@code headsFrom}, for each head the model lacks (one trained by
	 * {@code bin/classifier train --head category}), the version that decided it until now: the active model
	 * when it has the head, else the version it had the head from; none when the seed model decided it. So
	 * activating a one-head model replaces that head only, on every instance and after a restart.
	 */
	void promote(String version, String status, String by, Instant now) {
		List<Bson> changes = new ArrayList<>(List.of(Updates.set("status", status),
				Updates.set("statusAt", Date.from(now)), Updates.set("statusBy", by)));
		if (ACTIVE.equals(status)) {
			changes.add(Updates.set("headsFrom", headsFrom(version)));
		}
		this.models.updateOne(Filters.eq("_id", version), Updates.combine(changes));
		String previous = ACTIVE.equals(status) ? RETIRED : TRAINED;
		this.models.updateMany(
				Filters.and(Filters.eq("status", status), Filters.ne("_id", version),
						Filters.lt("statusAt", Date.from(now))),
				Updates.combine(Updates.set("status", previous), Updates.set("statusAt", Date.from(now))));
	}

	/** Per head of {@link Taxonomy#HEADS} the model {@code version} lacks, the version deciding it now. */
	private Document headsFrom(String version) {
		Document model = this.models.find(Filters.eq("_id", version)).projection(Projections.include("heads")).first();
		Document active = activeDocument();
		Document from = new Document();
		if (model == null || active == null) {
			return from;
		}
		Document heads = model.get("heads", new Document());
		Document activeHeads = active.get("heads", new Document());
		Document activeFrom = active.get("headsFrom", new Document());
		for (String head : Taxonomy.HEADS) {
			if (heads.containsKey(head)) {
				continue;
			}
			String decider = activeHeads.containsKey(head) ? active.getString("_id") : activeFrom.getString(head);
			if (decider != null) {
				from.append(head, decider);
			}
		}
		return from;
	}

	private @Nullable Document activeDocument() {
		return this.models.find(Filters.eq("status", ACTIVE))
			.projection(Projections.include("_id", "heads", "headsFrom"))
			.sort(Sorts.descending("statusAt"))
			.first();
	}

	private static StoredModel describe(Document d) {
		Map<String, Object> heads = new LinkedHashMap<>();
		Document h = d.get("heads", Document.class);
		if (h != null) {
			h.forEach((name, value) -> heads.put(name, new LinkedHashMap<>((Document) value)));
		}
		return new StoredModel(d.getString("_id"), d.getString("status"), d.getString("taxonomy"),
				d.getString("trainedFrom"), d.getInteger("trainingSize", 0), d.getDate("createdAt").toInstant(),
				d.getString("createdBy"), heads, d.getInteger("sizeBytes", 0));
	}

}
