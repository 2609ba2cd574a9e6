package io.feedbackloop.classifier;

import java.util.List;

import org.jspecify.annotations.Nullable;

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

	/** per feature the mean of its weights over the labels, for explanations */
	private final float[] meanWeight;

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
		this.meanWeight = new float[dimension];
		this.known = new long[(dimension + 63) / 64];
		for (int f = 0; f < dimension; f++) {
			double sum = 0;
			boolean any = false;
			for (int l = 0; l < labelCount; l++) {
				float w = weights[f * labelCount + l];
				sum += w;
				any |= w != 0;
			}
			this.meanWeight[f] = (float) (sum / labelCount);
			if (any) {
				this.known[f >>> 6] |= 1L << f;
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
		return probabilities(vector, null);
	}

	/**
	 * Probabilities per label; {@code known} (when not null, as long as the vector) receives the positions in
	 * the vector of the features the model knows, ended by -1 when fewer: an explanation then looks at only
	 * those, whose weights were just read.
	 */
	double[] probabilities(TextFeatures.Vector vector, int @Nullable [] known) {
		int labelCount = this.labels.size();
		double[] scores = new double[labelCount];
		for (int l = 0; l < labelCount; l++) {
			scores[l] = this.bias[l];
		}
		int[] indices = vector.indices();
		float[] values = vector.values();
		int count = 0;
		for (int i = 0; i < indices.length; i++) {
			if (!isKnown(indices[i])) {
				continue;
			}
			if (known != null) {
				known[count++] = i;
			}
			int base = indices[i] * labelCount;
			float v = values[i];
			for (int l = 0; l < labelCount; l++) {
				scores[l] += this.weights[base + l] * v;
			}
		}
		if (known != null && count < known.length) {
			known[count] = -1;
		}
		softmax(scores);
		return scores;
	}

	boolean isKnown(int index) {
		return (this.known[index >>> 6] & (1L << index)) != 0;
	}

	/** How much each feature of the vector pushes towards {@code label} compared with the average label. */
	double contribution(int index, float value, int label) {
		if (!isKnown(index)) {
			return 0;
		}
		return value * ((double) this.weights[index * this.labels.size() + label] - this.meanWeight[index]);
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
