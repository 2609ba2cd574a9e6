package io.feedbackloop.classifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The combined decision of the rules and the text model, per head. The model gives probabilities
 * {@code p}; the fired rules add their scores {@code s} as log-odds (their weights; a category rule's less on a
 * long text, see {@link RuleSet}): the decision is {@code softmax(log p + s)}. A rule of weight 2 multiplies a
 * label's odds by e² ≈ 7 (a strong hint), of weight 4 by e⁴ ≈ 55 (it overrides the model unless the model is very
 * sure); when rules and model agree the confidence rises, when they disagree it falls, which sends the case to
 * triage. The explanation names the fired rules and the strongest features of the text for the label.
 * Thread-safe: the rules and model in force are read once per text, so a reload or an activation never mixes
 * two versions in one decision.
 */
public final class ClassifierEngine {

	private static final int TOP_FEATURES = 4;

	/** Not shown as evidence (they still count in the model): they explain nothing to a person. */
	private static final java.util.Set<String> UNINFORMATIVE = java.util.Set.of("i", "my", "me", "the", "a", "an",
			"to", "and", "is", "it", "this", "that", "of", "on", "in", "for", "you", "your", "we", "was", "have", "be",
			"我", "你", "们", "的", "了", "是", "在", "我的", "你们", "我们", "这个", "一个");

	/** The longest of {@link #UNINFORMATIVE}: longer terms are not looked up. */
	private static final int MAX_UNINFORMATIVE = UNINFORMATIVE.stream().mapToInt(String::length).max().orElse(0);

	private final Taxonomy taxonomy;

	private final Supplier<RuleSet> rules;

	private final Supplier<TextModel> model;

	private final Map<String, List<String>> labels = new LinkedHashMap<>();

	/**
	 * The model last classified with and, per head, which of its {@link TextModel#parts() models} decides it
	 * (one unless composed), the head's position in that model's {@link HeadTable} (-1: no model has such a
	 * head) and the position in its labels of each taxonomy label (-1: unknown): computed once per model, not
	 * per text (a shadow model alternating with the active one only recomputes these few look-ups; each model
	 * builds its table once).
	 */
	private volatile @Nullable Resolved resolved;

	private record Resolved(TextModel model, int[] part, int[] tableHead, int[][] modelIndex) {
	}

	public ClassifierEngine(Taxonomy taxonomy, Supplier<RuleSet> rules, Supplier<TextModel> model) {
		this.taxonomy = taxonomy;
		for (String head : Taxonomy.HEADS) {
			this.labels.put(head, taxonomy.labels(head));
		}
		this.rules = rules;
		this.model = model;
	}

	/** The engine over the bundled rules and a model trained now from the bundled seed examples. */
	public static ClassifierEngine withDefaults(Taxonomy taxonomy) {
		TextModel model = SeedExamples.train(taxonomy, Instant.EPOCH);
		RuleSet rules = RuleSet.bundled(taxonomy);
		return new ClassifierEngine(taxonomy, () -> rules, () -> model);
	}

	public Taxonomy taxonomy() {
		return this.taxonomy;
	}

	public Decision classify(String text) {
		return classify(text, null);
	}

	/**
	 * @param language {@code zh} or {@code en} when known; detected from the text when null or blank
	 */
	public Decision classify(String text, @Nullable String language) {
		return classify(text, language, this.model.get());
	}

	/**
	 * Classifies with another model (a shadow model) and the rules in force. A composed model (see
	 * {@link TextModel#withHeads}) scores each head with the model it comes from, over that model's features.
	 */
	public Decision classify(String text, @Nullable String language, TextModel withModel) {
		RuleSet ruleSet = this.rules.get();
		// the text decides: the channel's language tag is often the customer's locale, not the text's
		String lang = TextFeatures.language(text);
		List<RuleSet.Hit> hits = ruleSet.match(text);
		int headCount = Taxonomy.HEADS.size();
		String[] chosen = new String[headCount];
		double[] confidence = new double[headCount];
		int[] chosenInModel = new int[headCount];
		int[][] top = new int[headCount][];
		double[][] contributions = new double[headCount][];
		Resolved resolved = resolve(withModel);
		List<TextModel> parts = withModel.parts();
		// per model (one unless composed) every head scored in one pass; the features the model knows, for the
		// explanations
		TextFeatures.Analysis[] analyses = new TextFeatures.Analysis[parts.size()];
		HeadTable[] tables = new HeadTable[parts.size()];
		Rows[] rows = new Rows[parts.size()];
		double[][][] probabilities = new double[parts.size()][][];
		for (int m = 0; m < parts.size(); m++) {
			analyses[m] = parts.get(m).features().analyse(text);
			tables[m] = parts.get(m).table();
			int size = analyses[m].vector().size();
			int crossedSize = tables[m].hasContext() ? size : 0;
			rows[m] = new Rows(new int[size], new int[size], new int[crossedSize], new int[crossedSize]);
			probabilities[m] = tables[m].probabilities(analyses[m].vector(), rows[m].known(), rows[m].rowAt(),
					rows[m].crossedKnown(), rows[m].crossedRowAt());
		}
		int h = 0;
		for (String head : Taxonomy.HEADS) {
			List<String> labels = this.labels.get(head);
			int m = resolved.part()[h];
			int slot = resolved.tableHead()[h];
			double[] logits = new double[labels.size()];
			int[] modelIndex = resolved.modelIndex()[h];
			if (slot >= 0) {
				double[] p = probabilities[m][slot];
				for (int l = 0; l < labels.size(); l++) {
					int at = modelIndex[l];
					// a label the model does not know gets a small floor probability
					logits[l] = Math.log((at >= 0) ? Math.max(p[at], 1e-6) : 1e-3);
				}
			}
			for (RuleSet.Hit hit : hits) {
				if (hit.head().equals(head)) {
					logits[labels.indexOf(hit.label())] += hit.score();
				}
			}
			LinearModel.softmax(logits);
			int best = 0;
			for (int l = 1; l < logits.length; l++) {
				if (logits[l] > logits[best]) {
					best = l;
				}
			}
			chosen[h] = labels.get(best);
			confidence[h] = logits[best];
			chosenInModel[h] = modelIndex[best];
			if (slot >= 0 && modelIndex[best] >= 0) {
				contributions[h] = contributions(tables[m], slot, modelIndex[best], analyses[m].vector(), rows[m]);
				top[h] = topFeatures(contributions[h]);
			}
			else {
				top[h] = new int[0];
			}
			h++;
		}
		Map<String, Decision.HeadDecision> heads = new LinkedHashMap<>();
		h = 0;
		for (String head : Taxonomy.HEADS) {
			String label = chosen[h];
			List<String> explanation = new ArrayList<>();
			for (RuleSet.Hit hit : hits) {
				if (hit.head().equals(head) && hit.label().equals(label)) {
					explanation.add(hit.describe());
				}
			}
			int m = resolved.part()[h];
			if (top[h].length > 0) {
				explainModel(top[h], contributions[h], analyses[m], explanation);
			}
			int slot = resolved.tableHead()[h];
			if (slot >= 0 && tables[m].contextOf(slot) >= 0) {
				// the model's own reading of the context head, which may differ from the decision on that head
				int of = tables[m].contextOf(slot);
				String contextHead = parts.get(m).tableHeadName(of);
				explanation.add("model: read as about " + contextHead + " \""
						+ parts.get(m).head(contextHead).labels().get(LinearModel.best(probabilities[m][of])) + "\"");
			}
			heads.put(head, new Decision.HeadDecision(label, confidence[h], List.copyOf(explanation)));
			h++;
		}
		return new Decision(heads, lang, withModel.version(), ruleSet.version());
	}

	/**
	 * Adds the strongest features for the label to the explanation, {@code model: "<term>" (<contribution>)}.
	 * A feature inside a longer one among the strongest is shown as part of it, their contributions added
	 * (the model is linear): {@code "信号" (0.65)} instead of {@code "信" (0.23)}, {@code "信号" (0.21)},
	 * {@code "号" (0.21)}, so that the lines name different words of the text.
	 *
	 * @param top positions in the vector, from {@link #topFeatures}
	 * @param contributions per position in the vector, from {@link #contributions}
	 */
	private static void explainModel(int[] top, double[] contributions, TextFeatures.Analysis analysis,
			List<String> explanation) {
		String[] terms = new String[top.length];
		double[] total = new double[top.length];
		int n = 0;
		for (int at : top) {
			// the string of only a feature the explanation may name
			String term = analysis.term(at);
			if (term != null && !(term.length() <= MAX_UNINFORMATIVE && UNINFORMATIVE.contains(term))) {
				terms[n] = term;
				total[n++] = contributions[at];
			}
		}
		// each feature's own contribution goes to the longest one it is part of (never itself part of another)
		double[] own = java.util.Arrays.copyOf(total, n);
		boolean[] within = new boolean[n];
		for (int i = 0; i < n; i++) {
			int longest = -1;
			for (int j = 0; j < n; j++) {
				if (j != i && covers(terms[j], terms[i]) && (longest < 0 || terms[j].length() > terms[longest].length())) {
					longest = j;
				}
			}
			if (longest >= 0) {
				within[i] = true;
				total[longest] += own[i];
			}
		}
		// strongest first, each shown once
		for (int shown = 0; shown < TOP_FEATURES; shown++) {
			int best = -1;
			for (int i = 0; i < n; i++) {
				if (!within[i] && (best < 0 || total[i] > total[best])) {
					best = i;
				}
			}
			if (best < 0) {
				return;
			}
			within[best] = true;
			explanation.add("model: \"" + terms[best] + "\" (" + hundredths(total[best]) + ")");
		}
	}

	/**
	 * Whether the feature {@code shorter} is part of {@code longer}: characters of a Chinese n-gram inside
	 * it, or words of an English n-gram, whole words in order.
	 */
	static boolean covers(String longer, String shorter) {
		if (longer.length() <= shorter.length()) {
			return false;
		}
		boolean words = Character.UnicodeScript.of(shorter.charAt(0)) == Character.UnicodeScript.LATIN;
		for (int at = longer.indexOf(shorter); at >= 0; at = longer.indexOf(shorter, at + 1)) {
			int end = at + shorter.length();
			if (!words || ((at == 0 || longer.charAt(at - 1) == ' ') && (end == longer.length() || longer.charAt(end) == ' '))) {
				return true;
			}
		}
		return false;
	}

	/** {@code Double.toString(Math.round(value * 100) / 100.0)} without the floating-point formatting. */
	static String hundredths(double value) {
		long cents = Math.round(value * 100);
		StringBuilder out = new StringBuilder(8);
		if (cents < 0) {
			out.append('-');
			cents = -cents;
		}
		out.append(cents / 100).append('.');
		long fraction = cents % 100;
		if (fraction % 10 == 0) {
			out.append(fraction / 10);
		}
		else {
			out.append((char) ('0' + fraction / 10)).append((char) ('0' + fraction % 10));
		}
		return out.toString();
	}

	private Resolved resolve(TextModel model) {
		Resolved resolved = this.resolved;
		if (resolved != null && resolved.model() == model) {
			return resolved;
		}
		int[] part = new int[Taxonomy.HEADS.size()];
		int[] tableHead = new int[Taxonomy.HEADS.size()];
		int[][] modelIndex = new int[Taxonomy.HEADS.size()][];
		int h = 0;
		for (String head : Taxonomy.HEADS) {
			List<String> labels = this.labels.get(head);
			LinearModel m = model.head(head);
			TextModel decider = model.decider(head);
			part[h] = (decider != null) ? model.parts().indexOf(decider) : 0;
			tableHead[h] = (decider != null) ? decider.tableHead(head) : -1;
			modelIndex[h] = new int[labels.size()];
			for (int l = 0; l < labels.size(); l++) {
				modelIndex[h][l] = (m != null) ? m.labels().indexOf(labels.get(l)) : -1;
			}
			h++;
		}
		resolved = new Resolved(model, part, tableHead, modelIndex);
		this.resolved = resolved;
		return resolved;
	}

	/** The rows of the features of a text read by {@link HeadTable#probabilities}, for the explanations. */
	private record Rows(int[] known, int[] rowAt, int[] crossedKnown, int[] crossedRowAt) {
	}

	/**
	 * Per position in the vector, how much its feature pushes head {@code head} towards {@code label} compared
	 * with the head's average label (zero for a feature no head knows): for a head scored in the context of another
	 * head's label, its feature and the feature crossed with that label together.
	 */
	private static double[] contributions(HeadTable table, int head, int label, TextFeatures.Vector vector, Rows rows) {
		double[] contributions = new double[vector.size()];
		float[] values = vector.values();
		int[] known = rows.known();
		for (int n = 0; n < known.length && known[n] >= 0; n++) {
			contributions[known[n]] = table.contribution(rows.rowAt()[n], values[known[n]], head, label);
		}
		if (table.contextOf(head) >= 0) {
			int[] crossed = rows.crossedKnown();
			for (int n = 0; n < crossed.length && crossed[n] >= 0; n++) {
				contributions[crossed[n]] += table.contribution(rows.crossedRowAt()[n],
						values[crossed[n]] * table.contextWeight(), head, label);
			}
		}
		return contributions;
	}

	/**
	 * The positions in the vector of the features pushing the head hardest towards the label, strongest first:
	 * twice as many as are shown, since function words are left out of the explanation and a feature inside a
	 * longer one is shown with it. No sorting of every feature.
	 */
	private static int[] topFeatures(double[] contributions) {
		int k = TOP_FEATURES * 2;
		int[] at = new int[k];
		double[] weight = new double[k];
		int size = 0;
		for (int n = 0; n < contributions.length; n++) {
			double c = contributions[n];
			if (c <= 0.02 || (size == k && c <= weight[k - 1])) {
				continue;
			}
			int j = (size < k) ? size++ : k - 1;
			while (j > 0 && weight[j - 1] < c) {
				weight[j] = weight[j - 1];
				at[j] = at[j - 1];
				j--;
			}
			weight[j] = c;
			at[j] = n;
		}
		return java.util.Arrays.copyOf(at, size);
	}

}
