package io.feedbackloop.classifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accuracy, macro-F1 and per-label precision, recall and F1 of predictions against gold labels.
 *
 * @param total how many texts were scored
 * @param accuracy share predicted right
 * @param macroF1 the mean F1 over the labels seen in the gold labels or the predictions
 * @param labels per label figures
 */
public record Evaluation(int total, double accuracy, double macroF1, Map<String, LabelFigures> labels) {

	/** Per label figures; {@code support} is the number of gold texts with the label. */
	public record LabelFigures(double precision, double recall, double f1, int support) {
	}

	public static Evaluation of(List<String> gold, List<String> predicted) {
		if (gold.size() != predicted.size()) {
			throw new IllegalArgumentException("gold and predicted differ in size");
		}
		TreeSet<String> all = new TreeSet<>(gold);
		all.addAll(predicted);
		Map<String, LabelFigures> figures = new LinkedHashMap<>();
		int correct = 0;
		for (int i = 0; i < gold.size(); i++) {
			if (gold.get(i).equals(predicted.get(i))) {
				correct++;
			}
		}
		double f1Sum = 0;
		for (String label : all) {
			int tp = 0;
			int fp = 0;
			int fn = 0;
			for (int i = 0; i < gold.size(); i++) {
				boolean g = gold.get(i).equals(label);
				boolean p = predicted.get(i).equals(label);
				if (g && p) {
					tp++;
				}
				else if (p) {
					fp++;
				}
				else if (g) {
					fn++;
				}
			}
			double precision = (tp + fp == 0) ? 0 : tp / (double) (tp + fp);
			double recall = (tp + fn == 0) ? 0 : tp / (double) (tp + fn);
			double f1 = (precision + recall == 0) ? 0 : 2 * precision * recall / (precision + recall);
			f1Sum += f1;
			figures.put(label, new LabelFigures(precision, recall, f1, tp + fn));
		}
		double accuracy = gold.isEmpty() ? 0 : correct / (double) gold.size();
		double macroF1 = all.isEmpty() ? 0 : f1Sum / all.size();
		return new Evaluation(gold.size(), accuracy, macroF1, figures);
	}

	/** The report for people: one line per figure, per-label table. */
	public List<String> report() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT, "texts      %d", this.total));
		lines.add(String.format(Locale.ROOT, "accuracy   %.4f", this.accuracy));
		lines.add(String.format(Locale.ROOT, "macro-F1   %.4f", this.macroF1));
		lines.add(String.format(Locale.ROOT, "%-28s %9s %9s %9s %8s", "label", "precision", "recall", "F1", "support"));
		this.labels.forEach((label, f) -> lines.add(String.format(Locale.ROOT, "%-28s %9.4f %9.4f %9.4f %8d", label,
				f.precision(), f.recall(), f.f1(), f.support())));
		return lines;
	}

	public static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}

}
