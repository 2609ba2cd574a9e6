package io.feedbackloop.classifier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained text model: one {@link LinearModel} per head over the same {@link TextFeatures}, and what it
 * is (version, when and from what it was trained, hold-out figures).
 *
 * <p>File format (gzip): the magic {@code FLCM}, the format number ({@value #FORMAT} when a head is read in the
 * context of another, {@link Context}; else {@value #FORMAT_WITHOUT_CONTEXT}), the metadata as UTF-8 JSON, then per
 * head its name, labels, bias and the non-zero weights as (index, value) pairs: the model trained from the
 * 2,723 seed examples (dimension 2^16, 23 labels over three heads) is about 4.6 MB: its kind and sentiment heads
 * (2,248 rows) have 2,000 rows or more, and 300 a label, and keep the features of a single text, its category head
 * (2,195 rows, 16 labels) does not, see {@code Trainer}; 6.3 MB if every head kept them.
 */
public final class TextModel {

	static final int MAGIC = 0x464c434d;

	/**
	 * The format written when a head is scored in the context of another ({@link Context}): a reader of
	 * {@link #FORMAT_WITHOUT_CONTEXT} only would score such a head without its crossed features, wrongly, so it
	 * is told it cannot read the file. A model without context is written in the older format, which both read.
	 */
	static final int FORMAT = 2;

	static final int FORMAT_WITHOUT_CONTEXT = 1;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Metadata metadata;

	private final String version;

	private final Map<String, LinearModel> heads;

	/** The context some of this model's own heads are read in, or null: one per model. */
	private final @Nullable Context context;

	private final TextFeatures features;

	/** The heads' names in the order of {@link #table}'s heads. */
	private final List<String> tableHeads;

	/** Built on first use: the engine's way to score a text (a model only evaluated never needs it). */
	private volatile @Nullable HeadTable table;

	/**
	 * Per head, the model read or trained that decides it: this one, or for a model composed by
	 * {@link #withHeads}, the one each head comes from.
	 */
	private final Map<String, TextModel> deciders;

	/** The distinct models of {@link #deciders}, this model's own first: one for a model read or trained. */
	private final List<TextModel> parts;

	/**
	 * What a model is.
	 *
	 * @param version its id, derived from the training data and parameters ({@code m-<hex>})
	 * @param createdAt ISO-8601 instant
	 * @param trainedFrom what it was trained from (file, "seeds", "seeds+training_examples")
	 * @param trainingSize examples it was trained from
	 * @param taxonomy the taxonomy its labels come from ({@code label} models: none)
	 * @param dimension the feature hashing dimension
	 * @param heads per head: labels, examples and the hold-out figures
	 */
	public record Metadata(String version, String createdAt, String trainedFrom, int trainingSize,
			@Nullable String taxonomy, int dimension, Map<String, HeadInfo> heads) {
	}

	/**
	 * @param labels the head's labels
	 * @param trainingSize examples labelled for this head
	 * @param holdoutAccuracy accuracy on the 20% held out (trained on the other 80%), null when too few
	 * @param holdoutMacroF1 macro-F1 on the same hold-out
	 * @param context the head whose best label this head is scored in the context of, or null (see {@link Context})
	 */
	public record HeadInfo(List<String> labels, int trainingSize, @Nullable Double holdoutAccuracy,
			@Nullable Double holdoutMacroF1, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Context context) {
	}

	/**
	 * A head scored in the context of another head's label: its features are read as they are and again crossed
	 * with the best label of head {@code head} of the same model ({@link TextFeatures#inContext(TextFeatures.Vector,
	 * int, float)}), those valued {@code weight} times: the same word can mean another thing about a hotel than
	 * about a book. See {@code Trainer}.
	 *
	 * @param head the context head: of the same model, itself scored in no context; one per model
	 * @param weight the weight of the crossed features
	 */
	public record Context(String head, float weight) {
	}

	TextModel(Metadata metadata, Map<String, LinearModel> heads) {
		Context contextOfAll = null;
		for (Map.Entry<String, HeadInfo> head : metadata.heads().entrySet()) {
			Context context = head.getValue().context();
			if (context == null) {
				continue;
			}
			HeadInfo of = metadata.heads().get(context.head());
			if (of == null || of.context() != null || !heads.containsKey(context.head())
					|| (contextOfAll != null && !contextOfAll.equals(context))) {
				throw new IllegalArgumentException("Head '" + head.getKey() + "' is scored in the context of '"
						+ context.head() + "': that must be a head of the model scored in no context, the same head and "
						+ "weight for every head");
			}
			contextOfAll = context;
		}
		this.context = contextOfAll;
		this.metadata = metadata;
		this.version = metadata.version();
		this.heads = Map.copyOf(heads);
		this.features = new TextFeatures(metadata.dimension());
		this.tableHeads = List.copyOf(heads.keySet());
		Map<String, TextModel> deciders = new LinkedHashMap<>();
		heads.keySet().forEach((head) -> deciders.put(head, this));
		this.deciders = Collections.unmodifiableMap(deciders);
		this.parts = List.of(this);
	}

	/** A composed model: see {@link #withHeads}. */
	private TextModel(TextModel model, Map<String, TextModel> deciders) {
		this.metadata = model.metadata;
		this.context = model.context;
		this.features = model.features;
		this.tableHeads = model.tableHeads;
		this.deciders = Collections.unmodifiableMap(deciders);
		Map<String, LinearModel> heads = new LinkedHashMap<>();
		List<TextModel> parts = new ArrayList<>(List.of(model));
		deciders.forEach((head, decider) -> {
			heads.put(head, decider.heads.get(head));
			if (!parts.contains(decider)) {
				parts.add(decider);
			}
		});
		this.heads = Map.copyOf(heads);
		this.parts = List.copyOf(parts);
		this.version = String.join("/", parts.stream().map(TextModel::version).toList());
	}

	/**
	 * This model with each head it lacks decided by the model given for the head, as that one decides it (a
	 * head the given model lacks too stays undecided). Why: a model trained for one head ({@code bin/classifier
	 * train --head category}) is activated to replace that head only; the kind and sentiment stay with the
	 * models that decided them. The engine scores each head with the features of the model it comes from (they
	 * may differ in dimension). The composed model's {@link #version()} names the models that decide, this one
	 * first, then the others in the order of the heads they decide: {@code m-4be1f0a2c3/m-77c0e1d2a4}; its
	 * {@link #metadata()} and {@link #features()} are this model's. A composed model is not written: its
	 * models are stored each on its own.
	 *
	 * @return this model when it lacks none of the heads given
	 */
	public TextModel withHeads(Map<String, TextModel> from) {
		TextModel model = this.parts.get(0);
		Map<String, TextModel> deciders = new LinkedHashMap<>(this.deciders);
		from.forEach((head, other) -> {
			TextModel decider = other.deciders.get(head);
			if (decider != null) {
				deciders.putIfAbsent(head, decider);
			}
		});
		return deciders.equals(this.deciders) ? this : new TextModel(model, deciders);
	}

	/** The models read or trained that decide the heads: this one alone unless composed by {@link #withHeads}. */
	List<TextModel> parts() {
		return this.parts;
	}

	/** The model of {@link #parts()} that decides the head, or null when none has it. */
	@Nullable TextModel decider(String head) {
		return this.deciders.get(head);
	}

	public Metadata metadata() {
		return this.metadata;
	}

	/** {@code m-<hex>}; a composed model's names the models that decide, see {@link #withHeads}. */
	public String version() {
		return this.version;
	}

	public TextFeatures features() {
		return this.features;
	}

	public @Nullable LinearModel head(String head) {
		return this.heads.get(head);
	}

	/** Every head of this model's own in one table, in the order of {@link #tableHead}. */
	HeadTable table() {
		if (this.parts.get(0) != this) {
			return this.parts.get(0).table();
		}
		HeadTable table = this.table;
		if (table == null) {
			int[] context = new int[this.tableHeads.size()];
			for (int h = 0; h < context.length; h++) {
				context[h] = (context(this.tableHeads.get(h)) != null) ? this.tableHeads.indexOf(this.context.head()) : -1;
			}
			table = new HeadTable(this.tableHeads.stream().map(this.heads::get).toList(), context,
					(this.context != null) ? this.context.weight() : 0);
			// two threads may both build it on first use: the same table, one of them kept
			this.table = table;
		}
		return table;
	}

	/** The position of a head in {@link #table()}, or -1 when the model has no such head. */
	int tableHead(String head) {
		return this.tableHeads.indexOf(head);
	}

	/** The name of the head at a position of {@link #table()}. */
	String tableHeadName(int position) {
		return this.tableHeads.get(position);
	}

	public List<String> headNames() {
		return List.copyOf(this.deciders.keySet());
	}

	/** The best label of one head. */
	public String predict(String head, String text) {
		TextModel decider = this.deciders.get(head);
		if (decider == null) {
			throw new IllegalArgumentException("Model " + version() + " has no head '" + head + "'; it has "
					+ this.deciders.keySet());
		}
		LinearModel model = decider.heads.get(head);
		TextFeatures.Vector vector = decider.features.vector(text);
		Context context = decider.context(head);
		if (context != null) {
			vector = decider.features.inContext(vector, decider.heads.get(context.head()).best(vector), context.weight());
		}
		return model.labels().get(model.best(vector));
	}

	/** The context head {@code head} of this model (not composed) is scored in, or null. */
	private @Nullable Context context(String head) {
		HeadInfo info = this.metadata.heads().get(head);
		return (info != null) ? info.context() : null;
	}

	public void write(OutputStream out) throws IOException {
		if (this.parts.size() > 1) {
			throw new IllegalStateException("Model " + version() + " is composed; write each of its models");
		}
		GZIPOutputStream gzip = new GZIPOutputStream(out);
		DataOutputStream data = new DataOutputStream(gzip);
		data.writeInt(MAGIC);
		data.writeInt((this.context != null) ? FORMAT : FORMAT_WITHOUT_CONTEXT);
		byte[] json = JSON.writeValueAsBytes(this.metadata);
		data.writeInt(json.length);
		data.write(json);
		data.writeInt(this.heads.size());
		for (String name : this.metadata.heads().keySet()) {
			LinearModel model = this.heads.get(name);
			data.writeUTF(name);
			data.writeInt(model.labels().size());
			for (String label : model.labels()) {
				data.writeUTF(label);
			}
			for (float b : model.bias()) {
				data.writeFloat(b);
			}
			float[] w = model.weights();
			int nonZero = 0;
			for (float v : w) {
				if (v != 0) {
					nonZero++;
				}
			}
			data.writeInt(nonZero);
			for (int i = 0; i < w.length; i++) {
				if (w[i] != 0) {
					data.writeInt(i);
					data.writeFloat(w[i]);
				}
			}
		}
		data.flush();
		gzip.finish();
	}

	public byte[] toBytes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	public void save(Path file) {
		try (OutputStream out = Files.newOutputStream(file)) {
			write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the model to " + file, ex);
		}
	}

	public static TextModel read(InputStream in) throws IOException {
		DataInputStream data = new DataInputStream(new GZIPInputStream(in));
		if (data.readInt() != MAGIC) {
			throw new IOException("Not a classifier model (bad magic)");
		}
		int format = data.readInt();
		if (format != FORMAT && format != FORMAT_WITHOUT_CONTEXT) {
			throw new IOException("Unsupported model format " + format + "; this version reads "
					+ FORMAT_WITHOUT_CONTEXT + " and " + FORMAT);
		}
		byte[] json = new byte[data.readInt()];
		data.readFully(json);
		Metadata metadata = JSON.readValue(new String(json, StandardCharsets.UTF_8), Metadata.class);
		int headCount = data.readInt();
		Map<String, LinearModel> heads = new LinkedHashMap<>();
		for (int h = 0; h < headCount; h++) {
			String name = data.readUTF();
			int labelCount = data.readInt();
			List<String> labels = new ArrayList<>();
			for (int l = 0; l < labelCount; l++) {
				labels.add(data.readUTF());
			}
			float[] bias = new float[labelCount];
			for (int l = 0; l < labelCount; l++) {
				bias[l] = data.readFloat();
			}
			float[] weights = new float[labelCount * metadata.dimension()];
			int nonZero = data.readInt();
			for (int i = 0; i < nonZero; i++) {
				weights[data.readInt()] = data.readFloat();
			}
			heads.put(name, new LinearModel(labels, metadata.dimension(), weights, bias));
		}
		return new TextModel(metadata, heads);
	}

	public static TextModel fromBytes(byte[] bytes) {
		try {
			return read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Not a readable classifier model: " + ex.getMessage(), ex);
		}
	}

	public static TextModel load(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the model " + file + ": " + ex.getMessage(), ex);
		}
	}

}
