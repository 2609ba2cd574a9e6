package io.feedbackloop.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

/**
 * The labels a classifier may give: kinds of feedback, complaint categories (with Chinese and English
 * display names) and sentiments. Shipped taxonomies: {@code telecom} and {@code retail}
 * (resources {@code io/feedbackloop/classifier/taxonomies/<name>.json}); several can be combined.
 *
 * @param name the taxonomy's name ({@code telecom+retail} when combined)
 * @param kinds kind → display names
 * @param categories category → display names
 */
public record Taxonomy(String name, Map<String, DisplayName> kinds, Map<String, DisplayName> categories) {

	public static final String KIND = "kind";

	public static final String CATEGORY = "category";

	public static final String SENTIMENT = "sentiment";

	/** The heads every taxonomy classifies, in this order. */
	public static final List<String> HEADS = List.of(KIND, CATEGORY, SENTIMENT);

	public static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");

	/** The category of feedback about nothing in particular; every taxonomy has it. */
	public static final String OTHER = "other";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public Taxonomy {
		kinds = Map.copyOf(new LinkedHashMap<>(kinds));
		categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
		if (!categories.containsKey(OTHER)) {
			throw new IllegalArgumentException("Taxonomy '" + name + "' has no category '" + OTHER + "'");
		}
	}

	/** Chinese and English display names. */
	public record DisplayName(String zh, String en) {
	}

	/** One shipped taxonomy or several merged ({@code telecom}, {@code retail}, {@code telecom,retail}). */
	public static Taxonomy load(List<String> names) {
		if (names.isEmpty()) {
			throw new IllegalArgumentException("No taxonomy named; shipped: telecom, retail");
		}
		Map<String, DisplayName> kinds = new LinkedHashMap<>();
		Map<String, DisplayName> categories = new LinkedHashMap<>();
		for (String name : names) {
			Taxonomy one = loadOne(name.trim());
			kinds.putAll(one.kinds());
			one.categories().forEach(categories::putIfAbsent);
		}
		// keep "other" last
		DisplayName other = categories.remove(OTHER);
		categories.put(OTHER, other);
		return new Taxonomy(String.join("+", names.stream().map(String::trim).toList()), kinds, categories);
	}

	public static Taxonomy load(String commaSeparatedNames) {
		return load(List.of(commaSeparatedNames.split(",")));
	}

	private static Taxonomy loadOne(String name) {
		String resource = "taxonomies/" + name + ".json";
		try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("Unknown taxonomy '" + name + "'; shipped: telecom, retail");
			}
			Taxonomy taxonomy = JSON.readValue(in, Taxonomy.class);
			if (!taxonomy.kinds().keySet().equals(Set.of("complaint", "praise", "suggestion", "inquiry"))) {
				throw new IllegalArgumentException("Taxonomy '" + name + "' must have the kinds complaint, praise, "
						+ "suggestion and inquiry, not " + taxonomy.kinds().keySet());
			}
			return taxonomy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The labels of a head. */
	public List<String> labels(String head) {
		return switch (head) {
			case KIND -> List.of("complaint", "praise", "suggestion", "inquiry");
			case CATEGORY -> List.copyOf(this.categories.keySet());
			case SENTIMENT -> SENTIMENTS;
			default -> throw new IllegalArgumentException("Unknown head '" + head + "'; heads: " + HEADS);
		};
	}

	/** Throws naming the label when {@code head} has no such label in this taxonomy. */
	public void requireLabel(String head, String label, String where) {
		if (!HEADS.contains(head)) {
			throw new IllegalArgumentException(where + ": unknown head '" + head + "'; heads: " + HEADS);
		}
		if (!labels(head).contains(label)) {
			throw new IllegalArgumentException(where + ": unknown " + head + " '" + label + "' (taxonomy " + this.name
					+ " has " + labels(head) + ")");
		}
	}

	/** Checks that every label a model gives for the heads it has is in this taxonomy. */
	public void requireCompatible(TextModel model) {
		List<String> problems = new ArrayList<>();
		for (String head : HEADS) {
			LinearModel m = model.head(head);
			if (m == null) {
				continue;
			}
			for (String label : m.labels()) {
				if (!labels(head).contains(label)) {
					problems.add(head + " '" + label + "'");
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("Model " + model.version() + " names unknown labels " + problems
					+ " (taxonomy " + this.name + ")");
		}
	}

}
