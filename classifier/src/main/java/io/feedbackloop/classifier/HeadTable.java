package io.feedbackloop.classifier;

import java.util.List;

/**
 * All heads of a {@link TextModel} in one table, for the engine that scores every head of every text: per
 * feature one row holding, head after head, the feature's weight for each label of the head and their mean
 * (for explanations). Only the features some head knows have a row (a model trained from a few thousand
 * texts knows about a quarter of its dimension), a feature's row being its rank among them.
 *
 * <p>Why: a text reads the weights of its few dozen known features, scattered over the model. With a
 * {@link LinearModel} per head that was three or four cache lines per feature, mostly missed, and read
 * again for the explanation; here it is one row of adjacent lines (the service's telecom + retail model: 26
 * floats), read for the scores and again, still in the cache, for the explanation. Measured on the
 * benchmark's texts (2026-11-23): scoring and explaining took 15-22 µs of a 32-45 µs decision before, 6-10 µs
 * with the table; the whole decision 1.2-1.6 times as fast.
 * A head read in the context of another head's label ({@link TextModel.Context}) reads, after the pass, the rows of
 * the text's features crossed with that label too ({@link TextFeatures#crossed}): the same table, a second look-up.
 * Immutable; thread-safe.
 */
final class HeadTable {

	private final int headCount;

	/** per head, where its weights start in a row */
	private final int[] offset;

	/** per head, its number of labels (its mean follows its weights in a row) */
	private final int[] labelCount;

	private final float[][] bias;

	/** floats per row */
	private final int width;

	/** the features with a row, as a bit set small enough to stay in the processor's cache */
	private final long[] known;

	/** per word of {@link #known}, the number of rows before it */
	private final int[] rankBefore;

	private final float[] rows;

	private final int dimension;

	/** per head, the head whose best label it is scored in the context of ({@link TextModel.Context}), or -1 */
	private final int[] context;

	/** the one head some heads are scored in the context of, or -1 */
	private final int contextHead;

	/** the weight of the features crossed with the context head's label */
	private final float contextWeight;

	/**
	 * @param heads the models' heads, all over the same feature dimension
	 * @param context per head, the position of the head it is scored in the context of, or -1: at most one head is
	 * such a context, and it is scored in no context itself
	 * @param contextWeight the weight of the crossed features ({@link TextFeatures#inContext(TextFeatures.Vector, int, float)})
	 */
	HeadTable(List<LinearModel> heads, int[] context, float contextWeight) {
		this.context = context;
		int contextHead = -1;
		for (int h = 0; h < context.length; h++) {
			if (context[h] >= 0) {
				if ((contextHead >= 0 && context[h] != contextHead) || context[context[h]] >= 0 || context[h] == h) {
					throw new IllegalArgumentException("One head, scored in no context itself, may be the context of others");
				}
				contextHead = context[h];
			}
		}
		this.contextHead = contextHead;
		this.contextWeight = contextWeight;
		this.headCount = heads.size();
		this.offset = new int[this.headCount];
		this.labelCount = new int[this.headCount];
		this.bias = new float[this.headCount][];
		int width = 0;
		int dimension = heads.isEmpty() ? 0 : heads.get(0).dimension();
		for (int h = 0; h < this.headCount; h++) {
			LinearModel head = heads.get(h);
			if (head.dimension() != dimension) {
				throw new IllegalArgumentException("The heads differ in dimension: " + head.dimension() + " and " + dimension);
			}
			this.offset[h] = width;
			this.labelCount[h] = head.labels().size();
			this.bias[h] = head.bias();
			width += this.labelCount[h] + 1;
		}
		this.width = width;
		this.dimension = dimension;
		this.known = new long[(dimension + 63) / 64];
		for (LinearModel head : heads) {
			for (int word = 0; word < this.known.length; word++) {
				this.known[word] |= head.knownWord(word);
			}
		}
		this.rankBefore = new int[this.known.length];
		int count = 0;
		for (int word = 0; word < this.known.length; word++) {
			this.rankBefore[word] = count;
			count += Long.bitCount(this.known[word]);
		}
		this.rows = new float[count * width];
		for (int h = 0; h < this.headCount; h++) {
			float[] weights = heads.get(h).weights();
			int labels = this.labelCount[h];
			for (int f = 0; f < dimension; f++) {
				int row = row(f);
				if (row < 0) {
					continue;
				}
				int at = row * width + this.offset[h];
				double sum = 0;
				for (int l = 0; l < labels; l++) {
					float w = weights[f * labels + l];
					this.rows[at + l] = w;
					sum += w;
				}
				this.rows[at + labels] = (float) (sum / labels);
			}
		}
	}

	/** The row of a feature (its rank among those with a row), or -1 when no head knows it. */
	private int row(int index) {
		int word = index >>> 6;
		if (word >= this.known.length) {
			// a table without heads
			return -1;
		}
		long bits = this.known[word];
		if ((bits & (1L << index)) == 0) {
			return -1;
		}
		return this.rankBefore[word] + Long.bitCount(bits & ((1L << index) - 1));
	}

	/** Whether some head is scored in the context of another's label: {@link #probabilities} then crosses features. */
	boolean hasContext() {
		return this.contextHead >= 0;
	}

	/** The head that head {@code head} is scored in the context of, or -1. */
	int contextOf(int head) {
		return this.context[head];
	}

	float contextWeight() {
		return this.contextWeight;
	}

	/**
	 * Every head's probabilities per label (in the order of its model's labels), from one pass over the vector
	 * and, when some heads are scored in the context of another head's label, a second over its features crossed
	 * with that head's best label, for those heads only. {@code known} and {@code rowAt} (as long as the vector)
	 * receive, for each feature with a row, its position in the vector and where its row starts, ended by -1 in
	 * {@code known} when fewer: the explanation reads only those rows, just read. {@code crossedKnown} and
	 * {@code crossedRowAt} receive the same for the crossed features (by the position of the feature crossed),
	 * when {@link #hasContext()}; they may be empty otherwise.
	 */
	double[][] probabilities(TextFeatures.Vector vector, int[] known, int[] rowAt, int[] crossedKnown,
			int[] crossedRowAt) {
		double[] sums = new double[this.width];
		int[] indices = vector.indices();
		float[] values = vector.values();
		int count = 0;
		for (int i = 0; i < indices.length; i++) {
			int row = row(indices[i]);
			if (row < 0) {
				continue;
			}
			int at = row * this.width;
			known[count] = i;
			rowAt[count++] = at;
			float value = values[i];
			for (int k = 0; k < this.width; k++) {
				sums[k] += this.rows[at + k] * value;
			}
		}
		if (count < known.length) {
			known[count] = -1;
		}
		double[][] probabilities = new double[this.headCount][];
		if (this.contextHead >= 0) {
			probabilities[this.contextHead] = headProbabilities(this.contextHead, sums);
			int label = LinearModel.best(probabilities[this.contextHead]);
			int crossed = 0;
			int[] crossedIndices = TextFeatures.crossed(vector, label, this.dimension);
			for (int i = 0; i < indices.length; i++) {
				int row = (crossedIndices[i] >= 0) ? row(crossedIndices[i]) : -1;
				if (row < 0) {
					continue;
				}
				int at = row * this.width;
				crossedKnown[crossed] = i;
				crossedRowAt[crossed++] = at;
				float value = values[i] * this.contextWeight;
				for (int h = 0; h < this.headCount; h++) {
					if (this.context[h] == this.contextHead) {
						int from = this.offset[h];
						for (int k = from; k < from + this.labelCount[h]; k++) {
							sums[k] += this.rows[at + k] * value;
						}
					}
				}
			}
			if (crossed < crossedKnown.length) {
				crossedKnown[crossed] = -1;
			}
		}
		for (int h = 0; h < this.headCount; h++) {
			if (probabilities[h] == null) {
				probabilities[h] = headProbabilities(h, sums);
			}
		}
		return probabilities;
	}

	private double[] headProbabilities(int head, double[] sums) {
		double[] scores = new double[this.labelCount[head]];
		for (int l = 0; l < scores.length; l++) {
			scores[l] = this.bias[head][l] + sums[this.offset[head] + l];
		}
		LinearModel.softmax(scores);
		return scores;
	}

	/**
	 * How much a feature pushes head {@code head} towards {@code label} compared with the head's average label.
	 *
	 * @param rowAt where the feature's row starts, from {@link #probabilities}
	 * @param value the feature's value in the vector
	 */
	double contribution(int rowAt, float value, int head, int label) {
		int at = rowAt + this.offset[head];
		return value * ((double) this.rows[at + label] - this.rows[at + this.labelCount[head]]);
	}

}
