package io.feedbackloop.classifier;

import java.util.List;

/**
 * One head of a text model: a multinomial logistic regression over hashed features. Weights are laid out
 * feature-major ({@code weights[index * labels + label]}) so that scoring a sparse vector reads memory in
 * order. Immutable after training; thread-safe.
 */
public final class LinearModel {

	private final List<String> labels;

	private final int dimension;

	private final float[] weights;

	private final float[] bias;

	/**
	 * The features with a weight: a model trained from a few thousand texts knows few of the features of a
	 * new text, and the others are skipped without reading their weights (a bit set small enough to stay in
	 * the processor's cache).
	 */
	private final long[] known;

	LinearModel(List<String> labels, int dimension, float[] weights, float[] bias) {
		if (weights.length != labels.size() * dimension || bias.length != labels.size()) {
			throw new IllegalArgumentException("weights do not match " + labels.size() + " labels x " + dimension);
		}
		this.labels = List.copyOf(labels);
		this.dimension = dimension;
		this.weights = weights;
		this.bias = bias;
		int labelCount = labels.size();
		this.known = new long[(dimension + 63) / 64];
		for (int f = 0; f < dimension; f++) {
			for (int l = 0; l < labelCount; l++) {
				if (weights[f * labelCount + l] != 0) {
					this.known[f >>> 6] |= 1L << f;
					break;
				}
			}
		}
	}

	public List<String> labels() {
		return this.labels;
	}

	public int dimension() {
		return this.dimension;
	}

	float[] weights() {
		return this.weights;
	}

	float[] bias() {
		return this.bias;
	}

	/** Probabilities per label (same order as {@link #labels()}). */
	public double[] probabilities(TextFeatures.Vector vector) {
		int labelCount = this.labels.size();
		double[] scores = new double[labelCount];
		for (int l = 0; l < labelCount; l++) {
			scores[l] = this.bias[l];
		}
		int[] indices = vector.indices();
		float[] values = vector.values();
		for (int i = 0; i < indices.length; i++) {
			if (!isKnown(indices[i])) {
				continue;
			}
			int base = indices[i] * labelCount;
			float v = values[i];
			for (int l = 0; l < labelCount; l++) {
				scores[l] += this.weights[base + l] * v;
			}
		}
		softmax(scores);
		return scores;
	}

	/** The position in {@link #labels()} of the most probable label (the first of equals). */
	public int best(TextFeatures.Vector vector) {
		return best(probabilities(vector));
	}

	static int best(double[] p) {
		int best = 0;
		for (int l = 1; l < p.length; l++) {
			if (p[l] > p[best]) {
				best = l;
			}
		}
		return best;
	}

	boolean isKnown(int index) {
		return (this.known[index >>> 6] & (1L << index)) != 0;
	}

	/** 64 bits of the set of known features: those from {@code word * 64}. */
	long knownWord(int word) {
		return this.known[word];
	}

	static void softmax(double[] scores) {
		double max = Double.NEGATIVE_INFINITY;
		for (double s : scores) {
			max = Math.max(max, s);
		}
		double total = 0;
		for (int l = 0; l < scores.length; l++) {
			scores[l] = Math.exp(scores[l] - max);
			total += scores[l];
		}
		for (int l = 0; l < scores.length; l++) {
			scores[l] /= total;
		}
	}

}
