package io.feedbackloop.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The project's own hand-written labelled examples ({@code seed-examples.csv}: id, text, kind, category,
 * sentiment; Chinese and English, colloquial, with masked numbers). The default model is trained from them
 * when no trained model exists: its 2,723 texts train in a few seconds. An empty field is no label for that
 * head: 528 texts ({@code sa-…} to {@code sd-…}) have no category, written to teach kind and tone (praise with a
 * caveat, polite or sarcastic complaints, happy suggestions, annoyed inquiries, very short ratings and replies;
 * many say nothing of what they are about); the 215 {@code ca-…} and {@code cb-…} have only a category,
 * written to teach the borders between categories (their kind and tone follow each other, as the first seeds'
 * did), and so do the last 260 ({@code la-…}, {@code lb-…}): long complaint-platform posts, letters and agents'
 * case notes, each about one main matter among the several departments it names.
 */
public final class SeedExamples {

	public static final String RESOURCE = "seed-examples.csv";

	private SeedExamples() {
	}

	public static List<Example> load() {
		try (InputStream in = SeedExamples.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the classifier jar");
			}
			return Csv.examples(Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8)), headColumns());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** kind, category and sentiment from the columns of the same names. */
	public static Map<String, String> headColumns() {
		Map<String, String> columns = new LinkedHashMap<>();
		for (String head : Taxonomy.HEADS) {
			columns.put(head, head);
		}
		return columns;
	}

	/** The heads of a taxonomy with their labels, for training. */
	public static Map<String, @Nullable List<String>> heads(Taxonomy taxonomy) {
		Map<String, @Nullable List<String>> heads = new LinkedHashMap<>();
		for (String head : Taxonomy.HEADS) {
			heads.put(head, taxonomy.labels(head));
		}
		return heads;
	}

	/** The default model: trained from the seeds, the labels the taxonomy has. */
	public static TextModel train(Taxonomy taxonomy, Instant createdAt) {
		return Trainer.forService().train(load(), heads(taxonomy), "seeds", taxonomy.name(), createdAt);
	}

}
