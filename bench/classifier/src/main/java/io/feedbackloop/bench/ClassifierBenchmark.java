package io.feedbackloop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.feedbackloop.classifier.ClassifierEngine;
import io.feedbackloop.classifier.Csv;
import io.feedbackloop.classifier.Evaluation;
import io.feedbackloop.classifier.Example;
import io.feedbackloop.classifier.LinearModel;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.classifier.TextFeatures;
import io.feedbackloop.classifier.Trainer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per dataset: a deterministic 80/20 split by row id, our model and a multinomial naive Bayes baseline on
 * the same hashed features trained on the 80% and scored on the 20%; then texts per second on one thread,
 * for the model alone and for the service's whole decision (rules, three heads, explanation).
 */
public final class ClassifierBenchmark {

	private static final String HEAD = "label";

	private record Dataset(String name, String folder, String labelColumn) {
	}

	private static final List<Dataset> DATASETS = List.of(new Dataset("waimai_10k", "waimai_10k", "label"),
			new Dataset("online_shopping_10_cats", "online_shopping_10_cats", "label"),
			new Dataset("online_shopping_10_cats/cat", "online_shopping_10_cats", "cat"),
			new Dataset("ChnSentiCorp_htl_all", "ChnSentiCorp_htl_all", "label"),
			new Dataset("complaints_social_media", "complaints_social_media", "label"),
			new Dataset("banking77", "banking77", "label"));

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
		List<String> allTestTexts = new ArrayList<>();
		double modelSeconds = 0;
		long modelTexts = 0;
		for (Dataset dataset : DATASETS) {
			if (only != null && !dataset.name().startsWith(only)) {
				continue;
			}
			Path file = root.resolve(dataset.folder()).resolve("normalized.csv");
			if (!Files.isRegularFile(file)) {
				System.out.println("skip " + dataset.name() + ": no " + file);
				continue;
			}
			List<Example> examples = Csv.examples(Csv.read(file), Map.of(HEAD, dataset.labelColumn()));
			List<Example> train = new ArrayList<>();
			List<Example> test = new ArrayList<>();
			for (Example e : examples) {
				if (e.label(HEAD) != null) {
					(isTest(e.id()) ? test : train).add(e);
				}
			}
			List<String> labels = List.copyOf(new TreeSet<>(train.stream().map((e) -> e.label(HEAD)).toList()));
			TextFeatures features = new TextFeatures(TextFeatures.DEFAULT_DIMENSION);
			long started = System.nanoTime();
			List<TextFeatures.Vector> vectors = train.stream().map((e) -> features.vector(e.text())).toList();
			LinearModel ours = new Trainer(TextFeatures.DEFAULT_DIMENSION).fitAll(HEAD, labels, train, vectors);
			double trainSeconds = (System.nanoTime() - started) / 1e9;
			NaiveBayes baseline = NaiveBayes.train(labels, train, features);

			List<String> gold = new ArrayList<>();
			List<String> predicted = new ArrayList<>();
			List<String> predictedByBaseline = new ArrayList<>();
			long scoring = cpuNanos();
			for (Example e : test) {
				predicted.add(best(labels, ours.probabilities(features.vector(e.text()))));
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
							+ "delta macro-F1 %+.2f points | trained in %.1f s%n",
					dataset.name(), train.size(), test.size(), labels.size(), our.accuracy(), our.macroF1(),
					nb.accuracy(), nb.macroF1(), delta * 100, trainSeconds);
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("train", train.size());
			r.put("test", test.size());
			r.put("labels", labels.size());
			r.put("accuracy", Evaluation.round(our.accuracy()));
			r.put("macroF1", Evaluation.round(our.macroF1()));
			r.put("nb_accuracy", Evaluation.round(nb.accuracy()));
			r.put("nb_macroF1", Evaluation.round(nb.macroF1()));
			r.put("delta_macroF1_points", Math.round(delta * 10000) / 100.0);
			results.put(dataset.name(), r);
		}
		summary.put("datasets", results);
		if (modelTexts > 0) {
			summary.put("model_texts_per_s", Math.round(modelTexts / modelSeconds));
			List<String> shortTexts = allTestTexts.stream().filter((t) -> t.length() <= 60).toList();
			summary.put("engine_texts_per_s", Math.round(engineThroughput(allTestTexts)));
			summary.put("engine_short_texts_per_s", Math.round(engineThroughput(shortTexts)));
			summary.put("mean_chars", Math.round(allTestTexts.stream().mapToInt(String::length).average().orElse(0)));
			System.out.printf(Locale.ROOT, "one core (thread CPU time): model alone %,d texts/s; service decision (rules "
					+ "+ 3 heads + explanation) %,d texts/s on all test texts (mean %d chars), %,d texts/s on those of "
					+ "at most 60 chars%n", summary.get("model_texts_per_s"), summary.get("engine_texts_per_s"),
					summary.get("mean_chars"), summary.get("engine_short_texts_per_s"));
		}
		System.out.println(JsonMapper.builder().build().writeValueAsString(summary));
	}

	/**
	 * The service's whole decision (seed model, bundled rules, explanations) over real texts, one thread, in the
	 * steady state of a long-running service: the passes of the warm-up (at least {@value #WARM_UP_PASSES}
	 * and {@value #WARM_UP_SECONDS} s of CPU, so that the JIT compiler has compiled the hot code: one pass
	 * of 20,000 texts was not enough, the second pass ran a quarter faster) are not timed; then
	 * {@value #TIMED_PASSES} passes are.
	 */
	private static double engineThroughput(List<String> texts) {
		ClassifierEngine engine = ClassifierEngine.withDefaults(Taxonomy.load("telecom,retail"));
		int n = Math.min(texts.size(), 20_000);
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

	private static final int WARM_UP_PASSES = 3;

	private static final int WARM_UP_SECONDS = 5;

	private static final int TIMED_PASSES = 3;

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
