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

	LinearModel(List<String> labels, int dimension, float[] weights, float[] bias) {
		if (weights.length != labels.size() * dimension || bias.length != labels.size()) {
			throw new IllegalArgumentException("weights do not match " + labels.size() + " labels x " + dimension);
		}
		this.labels = List.copyOf(labels);
		this.dimension = dimension;
		this.weights = weights;
		this.bias = bias;
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
			int base = indices[i] * labelCount;
			float v = values[i];
			for (int l = 0; l < labelCount; l++) {
				scores[l] += this.weights[base + l] * v;
			}
		}
		softmax(scores);
		return scores;
	}

	/** How much each feature of the vector pushes towards {@code label} compared with the average label. */
	double contribution(int index, float value, int label) {
		int labelCount = this.labels.size();
		int base = index * labelCount;
		double sum = 0;
		for (int l = 0; l < labelCount; l++) {
			sum += this.weights[base + l];
		}
		return value * (this.weights[base + label] - sum / labelCount);
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
