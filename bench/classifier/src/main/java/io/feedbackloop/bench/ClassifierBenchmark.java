package io.feedbackloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.feedbackloop.classifier.ClassifierEngine;
import io.feedbackloop.classifier.Csv;
import io.feedbackloop.classifier.Decision;
import io.feedbackloop.classifier.Evaluation;
import io.feedbackloop.classifier.Example;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.classifier.TextFeatures;
import io.feedbackloop.classifier.TextModel;
import io.feedbackloop.classifier.Trainer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per dataset (every folder of the datasets folder with a {@code normalized.csv}): its own split where it has a
 * {@code split} column, else a deterministic 80/20 split by row id; our model and a multinomial naive Bayes baseline on
 * the same hashed features trained on the 80% and scored on the 20%; then texts per second on one thread,
 * for the model alone and for the service's whole decision (rules, three heads, explanation).
 */
public final class ClassifierBenchmark {

	private static final String HEAD = "label";

	/**
	 * A dataset's rows and the label column to score: {@code label}, and {@code cat} where a dataset has one (a
	 * second task on the same rows).
	 */
	private record Dataset(String name, List<Map<String, String>> rows, String labelColumn) {
	}

	private static final List<String> LABEL_COLUMNS = List.of("label", "cat");

	/**
	 * Every folder of {@code root} with a {@code normalized.csv}, in name order, once per label column it has
	 * (each file read once): a dataset added to the folder is benchmarked without a change here. None when
	 * {@code root} is not a folder.
	 */
	static List<Dataset> datasets(Path root) {
		if (!Files.isDirectory(root)) {
			System.out.println("no datasets: " + root + " is not a folder");
			return List.of();
		}
		List<Dataset> datasets = new ArrayList<>();
		try (Stream<Path> folders = Files.list(root)) {
			for (Path folder : folders.sorted().toList()) {
				Path file = folder.resolve("normalized.csv");
				List<Map<String, String>> rows = Files.isRegularFile(file) ? Csv.read(file) : List.of();
				String name = folder.getFileName().toString();
				for (String column : LABEL_COLUMNS) {
					if (!rows.isEmpty() && rows.get(0).containsKey(column)) {
						datasets.add(new Dataset(column.equals("label") ? name : name + "/" + column, rows, column));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return datasets;
	}

	/**
	 * A second label column of a dataset: the category of what a review is about. The model of the dataset's
	 * {@code label} is trained with it as a second head, which the label head may be read in the context of (as the
	 * service's kind and sentiment may be in that of the category, {@link Trainer#withContext}); scored from the
	 * text alone, as the service scores.
	 */
	private static final String CONTEXT_COLUMN = "cat";

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** CPU time of this thread: texts per second on one core, whatever else the machine runs. */
	private static long cpuNanos() {
		return THREADS.getCurrentThreadCpuTime();
	}

	public static void main(String[] args) {
		Path root = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
		@Nullable String only = (args.length > 1) ? args[1] : null;
		Map<String, Object> summary = new LinkedHashMap<>();
		Map<String, Object> results = new LinkedHashMap<>();
		// distinct: a folder scored on two label columns has its texts once
		Set<String> allTestTexts = new LinkedHashSet<>();
		ClassifierEngine engine = ClassifierEngine.withDefaults(Taxonomy.load("telecom,retail"));
		double modelSeconds = 0;
		long modelTexts = 0;
		for (Dataset dataset : datasets(root)) {
			if (only != null && !dataset.name().startsWith(only)) {
				continue;
			}
			Set<String> testIds = testIds(dataset.rows());
			boolean context = dataset.labelColumn().equals(HEAD) && dataset.rows().get(0).containsKey(CONTEXT_COLUMN);
			List<Example> examples = Csv.examples(dataset.rows(), context
					? Map.of(HEAD, dataset.labelColumn(), CONTEXT_COLUMN, CONTEXT_COLUMN) : Map.of(HEAD, dataset.labelColumn()));
			List<Example> train = new ArrayList<>();
			List<Example> test = new ArrayList<>();
			for (Example e : examples) {
				if (e.label(HEAD) != null) {
					(((testIds != null) ? testIds.contains(e.id()) : isTest(e.id())) ? test : train).add(e);
				}
			}
			List<String> labels = List.copyOf(new TreeSet<>(train.stream().map((e) -> e.label(HEAD)).toList()));
			TextFeatures features = new TextFeatures(TextFeatures.DEFAULT_DIMENSION);
			long started = System.nanoTime();
			Map<String, @Nullable List<String>> heads = new LinkedHashMap<>();
			heads.put(HEAD, labels);
			Trainer trainer = new Trainer(TextFeatures.DEFAULT_DIMENSION);
			if (context) {
				heads.put(CONTEXT_COLUMN, null);
				trainer = trainer.withContext(CONTEXT_COLUMN);
			}
			TextModel ours = trainer.fitAll(train, heads, dataset.name(), null, Instant.EPOCH);
			double trainSeconds = (System.nanoTime() - started) / 1e9;
			TextModel.Context readIn = ours.metadata().heads().get(HEAD).context();
			NaiveBayes baseline = NaiveBayes.train(labels, train, features);

			List<String> gold = new ArrayList<>();
			List<String> predicted = new ArrayList<>();
			List<String> predictedByBaseline = new ArrayList<>();
			long scoring = cpuNanos();
			for (Example e : test) {
				predicted.add(ours.predict(HEAD, e.text()));
			}
			modelSeconds += (cpuNanos() - scoring) / 1e9;
			modelTexts += test.size();
			for (Example e : test) {
				gold.add(e.label(HEAD));
				predictedByBaseline.add(baseline.predict(features.counts(e.text())));
				allTestTexts.add(e.text());
			}
			Evaluation our = Evaluation.of(gold, predicted);
			Evaluation nb = Evaluation.of(gold, predictedByBaseline);
			double delta = our.macroF1() - nb.macroF1();
			System.out.printf(Locale.ROOT,
					"%-28s train %6d test %5d labels %3d | ours acc %.4f macro-F1 %.4f | NB acc %.4f macro-F1 %.4f | "
							+ "delta macro-F1 %+.2f points | trained in %.1f s%s%n",
					dataset.name(), train.size(), test.size(), labels.size(), our.accuracy(), our.macroF1(),
					nb.accuracy(), nb.macroF1(), delta * 100, trainSeconds,
					(readIn != null) ? " | read in the context of " + readIn.head()
							: context ? " | not read in the context of " + CONTEXT_COLUMN : "");
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("train", train.size());
			r.put("test", test.size());
			r.put("labels", labels.size());
			r.put("accuracy", Evaluation.round(our.accuracy()));
			r.put("macroF1", Evaluation.round(our.macroF1()));
			r.put("nb_accuracy", Evaluation.round(nb.accuracy()));
			r.put("nb_macroF1", Evaluation.round(nb.macroF1()));
			r.put("delta_macroF1_points", Math.round(delta * 10000) / 100.0);
			if (context) {
				r.put("context", (readIn != null) ? readIn.head() : null);
			}
			Map<String, Object> shipped = shipped(engine, labels, test);
			if (shipped != null) {
				r.put("shipped", shipped);
				System.out.printf(Locale.ROOT, "%-28s the shipped decision (seeds + bundled rules, not trained on this set): %s%n",
						"", shipped);
			}
			results.put(dataset.name(), r);
		}
		summary.put("datasets", results);
		for (Map.Entry<String, Path> file : HANDWRITTEN) {
			if (Files.isRegularFile(file.getValue())) {
				Map<String, Object> figures = handwritten(engine, Csv.read(file.getValue()));
				summary.put(file.getKey(), figures);
				System.out.printf(Locale.ROOT, "%-28s the shipped decision on %s: %s%n", file.getKey(), file.getValue(),
						figures);
			}
		}
		if (modelTexts > 0) {
			summary.put("model_texts_per_s", Math.round(modelTexts / modelSeconds));
			List<String> timed = spread(List.copyOf(allTestTexts));
			List<String> shortTexts = spread(allTestTexts.stream().filter((t) -> t.length() <= 60).toList());
			summary.put("engine_texts_per_s", Math.round(engineThroughput(engine, timed)));
			summary.put("engine_short_texts_per_s", Math.round(engineThroughput(engine, shortTexts)));
			summary.put("mean_chars", Math.round(timed.stream().mapToInt(String::length).average().orElse(0)));
			System.out.printf(Locale.ROOT, "one core (thread CPU time): model alone %,d texts/s; service decision (rules "
					+ "+ 3 heads + explanation) %,d texts/s on all test texts (mean %d chars), %,d texts/s on those of "
					+ "at most 60 chars%n", summary.get("model_texts_per_s"), summary.get("engine_texts_per_s"),
					summary.get("mean_chars"), summary.get("engine_short_texts_per_s"));
		}
		System.out.println(JsonMapper.builder().build().writeValueAsString(summary));
	}

	/**
	 * The service's whole decision ({@code engine}: seed model, bundled rules, explanations) over real texts, one
	 * thread, in the steady state of a long-running service: the passes of the warm-up (at least {@value #WARM_UP_PASSES}
	 * and {@value #WARM_UP_SECONDS} s of CPU, so that the JIT compiler has compiled the hot code: one pass
	 * of 20,000 texts was not enough, the second pass ran a quarter faster) are not timed; then
	 * {@value #TIMED_PASSES} passes are.
	 */
	private static double engineThroughput(ClassifierEngine engine, List<String> texts) {
		int n = texts.size();
		long warmUp = cpuNanos();
		for (int pass = 0; pass < WARM_UP_PASSES || cpuNanos() - warmUp < WARM_UP_SECONDS * 1_000_000_000L; pass++) {
			for (int i = 0; i < n; i++) {
				engine.classify(texts.get(i));
			}
		}
		long started = cpuNanos();
		for (int pass = 0; pass < TIMED_PASSES; pass++) {
			for (int i = 0; i < n; i++) {
				engine.classify(texts.get(i));
			}
		}
		return (double) n * TIMED_PASSES / ((cpuNanos() - started) / 1e9);
	}

	private static final Set<String> SENTIMENTS = Set.of("positive", "negative", "neutral");

	private static final Set<String> COMPLAINT_OR_NOT = Set.of("complaint", "not_complaint");

	/**
	 * How the service's shipped decision (the model trained from the project's own seed examples and the bundled
	 * rules: what a new installation decides with) does on a dataset's test rows, where its labels are ones the
	 * service decides: sentiment sets (positive / negative / neutral) against the sentiment head, complaint sets
	 * (complaint / not_complaint) against whether the kind is complaint. Accuracy, and precision and recall of
	 * the label that matters most (negative, complaint); null for other datasets.
	 */
	static @Nullable Map<String, Object> shipped(ClassifierEngine engine, List<String> labels, List<Example> test) {
		boolean sentiment = SENTIMENTS.containsAll(labels);
		if (!sentiment && !COMPLAINT_OR_NOT.containsAll(labels)) {
			return null;
		}
		List<String> gold = new ArrayList<>();
		List<String> predicted = new ArrayList<>();
		for (Example e : test) {
			Decision decision = engine.classify(e.text());
			gold.add(e.label(HEAD));
			if (sentiment) {
				predicted.add(decision.head(Taxonomy.SENTIMENT).label());
			}
			else {
				predicted.add(decision.head(Taxonomy.KIND).label().equals("complaint") ? "complaint" : "not_complaint");
			}
		}
		Evaluation evaluation = Evaluation.of(gold, predicted);
		String focus = sentiment ? "negative" : "complaint";
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("head", sentiment ? Taxonomy.SENTIMENT : Taxonomy.KIND);
		figures.put("accuracy", Evaluation.round(evaluation.accuracy()));
		Evaluation.LabelFigures f = evaluation.labels().get(focus);
		if (f != null) {
			figures.put(focus + "_precision", Evaluation.round(f.precision()));
			figures.put(focus + "_recall", Evaluation.round(f.recall()));
		}
		return figures;
	}

	/**
	 * Texts written by the project's people for checking the shipped decision, labelled in the shipped taxonomies
	 * (telecom and retail), by the key they have in the JSON; relative to the repository (the run script's working
	 * directory). {@code handwritten-texts.csv}: complaint-like texts with their kind and category (also used to
	 * find gaps in the rules and seeds: a regression measure, not a measure of texts never seen).
	 * {@code handwritten-tone.csv}: texts of every kind and tone with their kind, category and sentiment, written
	 * by someone who saw neither the seeds nor the rules, never trained on and its texts never read to change
	 * them: a measure of texts never seen (one choice was made from its score, see complaint-router's README).
	 * {@code handwritten-long.csv}: long texts (150-700 characters: complaint-platform posts, letters, agents' case
	 * notes) with their kind, category and sentiment, written by someone who saw neither the seeds, the rules nor
	 * the other writers' texts; never trained on, first scored after two of the three choices it measures were
	 * made (see complaint-router's README).
	 */
	static final List<Map.Entry<String, Path>> HANDWRITTEN = List.of(
			Map.entry("handwritten", Path.of("bench/classifier/handwritten-texts.csv")),
			Map.entry("handwritten_tone", Path.of("bench/classifier/handwritten-tone.csv")),
			Map.entry("handwritten_long", Path.of("bench/classifier/handwritten-long.csv")));

	/**
	 * The shipped decision on hand-written texts: accuracy and macro-F1 of each head the file labels (a column of
	 * the head's name; rows with the column empty are not counted for that head).
	 */
	static Map<String, Object> handwritten(ClassifierEngine engine, List<Map<String, String>> rows) {
		Map<String, List<String>> gold = new LinkedHashMap<>();
		Map<String, List<String>> decided = new LinkedHashMap<>();
		for (Map<String, String> row : rows) {
			Decision decision = engine.classify(row.get("text"));
			for (String head : Taxonomy.HEADS) {
				String label = row.get(head);
				if (label != null && !label.isBlank()) {
					gold.computeIfAbsent(head, (h) -> new ArrayList<>()).add(label);
					decided.computeIfAbsent(head, (h) -> new ArrayList<>()).add(decision.head(head).label());
				}
			}
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("texts", rows.size());
		for (Map.Entry<String, List<String>> head : gold.entrySet()) {
			Evaluation evaluation = Evaluation.of(head.getValue(), decided.get(head.getKey()));
			figures.put(head.getKey() + "_accuracy", Evaluation.round(evaluation.accuracy()));
			figures.put(head.getKey() + "_macroF1", Evaluation.round(evaluation.macroF1()));
		}
		return figures;
	}

	/** At most this many texts are timed. */
	private static final int TIMED_TEXTS = 20_000;

	/**
	 * At most {@value #TIMED_TEXTS} of the texts, evenly spaced over them: every dataset in its share (the first
	 * ones would be the first datasets' only).
	 */
	static List<String> spread(List<String> texts) {
		if (texts.size() <= TIMED_TEXTS) {
			return texts;
		}
		List<String> spread = new ArrayList<>(TIMED_TEXTS);
		for (int i = 0; i < TIMED_TEXTS; i++) {
			spread.add(texts.get((int) ((long) i * texts.size() / TIMED_TEXTS)));
		}
		return spread;
	}

	private static final int WARM_UP_PASSES = 3;

	private static final int WARM_UP_SECONDS = 5;

	private static final int TIMED_PASSES = 3;

	/**
	 * The ids of the rows of a dataset's own test split, where it has one (a {@code split} column: the rows whose
	 * split names {@code test}; the others, train and dev, are trained on), or null: then {@link #isTest}.
	 */
	static @Nullable Set<String> testIds(List<Map<String, String>> rows) {
		if (rows.isEmpty() || !rows.get(0).containsKey("split")) {
			return null;
		}
		Set<String> ids = new HashSet<>();
		for (Map<String, String> row : rows) {
			if (row.getOrDefault("split", "").contains("test")) {
				ids.add(row.get("id"));
			}
		}
		return ids;
	}

	/** 20% of the rows by a hash of the row id: the same rows every run. */
	static boolean isTest(String id) {
		long h = 1125899906842597L;
		for (int i = 0; i < id.length(); i++) {
			h = 31 * h + id.charAt(i);
		}
		h ^= h >>> 29;
		h *= 0xbf58476d1ce4e5b9L;
		h ^= h >>> 32;
		return Math.floorMod(h, 5) == 0;
	}

	static String best(List<String> labels, double[] p) {
		int best = 0;
		for (int l = 1; l < p.length; l++) {
			if (p[l] > p[best]) {
				best = l;
			}
		}
		return labels.get(best);
	}

	/** Multinomial naive Bayes over the raw counts of the same hashed features, Laplace smoothing (alpha 1). */
	static final class NaiveBayes {

		private final List<String> labels;

		private final float[][] logLikelihood;

		private final double[] logPrior;

		private NaiveBayes(List<String> labels, float[][] logLikelihood, double[] logPrior) {
			this.labels = labels;
			this.logLikelihood = logLikelihood;
			this.logPrior = logPrior;
		}

		static NaiveBayes train(List<String> labels, List<Example> examples, TextFeatures features) {
			int dim = features.dimension();
			double[][] counts = new double[labels.size()][dim];
			double[] docs = new double[labels.size()];
			for (Example e : examples) {
				int l = labels.indexOf(e.label(HEAD));
				docs[l]++;
				TextFeatures.Vector v = features.counts(e.text());
				for (int i = 0; i < v.size(); i++) {
					counts[l][v.indices()[i]] += v.values()[i];
				}
			}
			float[][] logLikelihood = new float[labels.size()][dim];
			double[] logPrior = new double[labels.size()];
			for (int l = 0; l < labels.size(); l++) {
				double total = 0;
				for (double c : counts[l]) {
					total += c;
				}
				double denominator = Math.log(total + dim);
				for (int f = 0; f < dim; f++) {
					logLikelihood[l][f] = (float) (Math.log(counts[l][f] + 1) - denominator);
				}
				logPrior[l] = Math.log(docs[l] / examples.size());
			}
			return new NaiveBayes(labels, logLikelihood, logPrior);
		}

		String predict(TextFeatures.Vector counts) {
			double[] scores = this.logPrior.clone();
			for (int l = 0; l < scores.length; l++) {
				for (int i = 0; i < counts.size(); i++) {
					scores[l] += counts.values()[i] * this.logLikelihood[l][counts.indices()[i]];
				}
			}
			return best(this.labels, scores);
		}

	}

}
