package io.feedbackloop.classifier;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class HeadTableTests {

	private static final int DIMENSION = 1 << 10;

	/**
	 * A head with weights for some features only, as a model trained on a few texts has them: those of a share
	 * of the 64-feature words (each head its own share, so that some features are known to one head and not
	 * another), always the first and last feature of such a word, a few others.
	 */
	private static LinearModel head(Random random, List<String> labels, int every) {
		float[] weights = new float[DIMENSION * labels.size()];
		float[] bias = new float[labels.size()];
		for (int f = 0; f < DIMENSION; f++) {
			boolean inWord = (f / 64) % every == 0;
			boolean edge = f % 64 == 0 || f % 64 == 63;
			if (inWord && (edge || random.nextInt(3) == 0)) {
				for (int l = 0; l < labels.size(); l++) {
					// a known feature may have a zero weight for some labels
					weights[f * labels.size() + l] = (l == 0 && f % 2 == 0) ? 0 : (float) random.nextGaussian();
				}
			}
		}
		for (int l = 0; l < labels.size(); l++) {
			bias[l] = (float) random.nextGaussian();
		}
		return new LinearModel(labels, DIMENSION, weights, bias);
	}

	/** 1 to 60 distinct features of the dimension, valued in [0, 1). */
	private static TextFeatures.Vector vector(Random random) {
		int[] indices = random.ints(0, DIMENSION).distinct().limit(1 + random.nextInt(60)).toArray();
		float[] values = new float[indices.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = random.nextFloat();
		}
		return new TextFeatures.Vector(indices, values);
	}

	@Test
	void scoresAndExplainsEveryHeadAsItsOwnModelDoes() {
		Random random = new Random(11);
		List<LinearModel> heads = List.of(head(random, List.of("a", "b", "c", "d"), 2),
				head(random, List.of("x", "y", "z", "u", "v", "w"), 3), head(random, List.of("neg", "pos"), 1));
		HeadTable table = new HeadTable(heads, new int[] { -1, -1, -1 }, 0);

		for (int text = 0; text < 300; text++) {
			TextFeatures.Vector vector = vector(random);
			int[] indices = vector.indices();
			float[] values = vector.values();
			int[] known = new int[indices.length];
			int[] rowAt = new int[indices.length];
			double[][] probabilities = table.probabilities(vector, known, rowAt, new int[0], new int[0]);

			int count = 0;
			for (int i = 0; i < indices.length; i++) {
				int index = i;
				if (heads.stream().anyMatch((head) -> head.isKnown(indices[index]))) {
					assertThat(known[count++]).isEqualTo(i);
				}
			}
			if (count < known.length) {
				assertThat(known[count]).isEqualTo(-1);
			}
			for (int h = 0; h < heads.size(); h++) {
				LinearModel head = heads.get(h);
				int labels = head.labels().size();
				assertThat(probabilities[h]).containsExactly(head.probabilities(vector), within(1e-9));
				for (int n = 0; n < count; n++) {
					int feature = indices[known[n]];
					double mean = 0;
					for (int l = 0; l < labels; l++) {
						mean += head.weights()[feature * labels + l] / (double) labels;
					}
					for (int l = 0; l < labels; l++) {
						double expected = values[known[n]] * (head.weights()[feature * labels + l] - mean);
						assertThat(table.contribution(rowAt[n], values[known[n]], h, l)).isCloseTo(expected,
								within(1e-5));
					}
				}
			}
		}
	}

	@Test
	void scoresTheHeadsReadInContextOverTheirFeaturesCrossedWithTheContextHeadsBestLabel() {
		Random random = new Random(12);
		List<LinearModel> heads = List.of(head(random, List.of("a", "b", "c"), 1),
				head(random, List.of("x", "y", "z", "u"), 2), head(random, List.of("neg", "pos"), 1));
		float weight = 0.7f;
		// the first and last head in the context of the second
		HeadTable table = new HeadTable(heads, new int[] { 1, -1, 1 }, weight);
		TextFeatures features = new TextFeatures(DIMENSION);

		for (int text = 0; text < 300; text++) {
			TextFeatures.Vector vector = vector(random);
			int[] indices = vector.indices();
			float[] values = vector.values();
			int size = indices.length;
			int[] crossedKnown = new int[size];
			int[] crossedRowAt = new int[size];
			double[][] probabilities = table.probabilities(vector, new int[size], new int[size], crossedKnown,
					crossedRowAt);

			int context = heads.get(1).best(vector);
			TextFeatures.Vector read = features.inContext(vector, context, weight);
			assertThat(probabilities[1]).containsExactly(heads.get(1).probabilities(vector), within(1e-9));
			assertThat(probabilities[0]).containsExactly(heads.get(0).probabilities(read), within(1e-6));
			assertThat(probabilities[2]).containsExactly(heads.get(2).probabilities(read), within(1e-6));
			int count = 0;
			int[] crossedIndices = TextFeatures.crossed(vector, context, DIMENSION);
			for (int i = 0; i < size; i++) {
				int crossed = crossedIndices[i];
				if (crossed >= 0 && heads.stream().anyMatch((head) -> head.isKnown(crossed))) {
					assertThat(crossedKnown[count]).isEqualTo(i);
					LinearModel head = heads.get(2);
					double mean = (head.weights()[crossed * 2] + head.weights()[crossed * 2 + 1]) / 2.0;
					assertThat(table.contribution(crossedRowAt[count], values[i] * weight, 2, 1))
						.isCloseTo(values[i] * weight * (head.weights()[crossed * 2 + 1] - mean), within(1e-5));
					count++;
				}
			}
			if (count < size) {
				assertThat(crossedKnown[count]).isEqualTo(-1);
			}
		}
	}

	@Test
	void aContextHeadScoredInContextItselfOrTwoContextHeadsAreRefused() {
		Random random = new Random(13);
		List<LinearModel> heads = List.of(head(random, List.of("a", "b"), 1), head(random, List.of("x", "y"), 1),
				head(random, List.of("neg", "pos"), 1));

		assertThatIllegalArgumentException().isThrownBy(() -> new HeadTable(heads, new int[] { 1, 0, -1 }, 0.7f));
		assertThatIllegalArgumentException().isThrownBy(() -> new HeadTable(heads, new int[] { 1, -1, 0 }, 0.7f));
		assertThatIllegalArgumentException().isThrownBy(() -> new HeadTable(heads, new int[] { 0, -1, -1 }, 0.7f));
	}

	@Test
	void aTableWithoutHeadsKnowsNoFeature() {
		HeadTable table = new HeadTable(List.of(), new int[0], 0);
		int[] known = new int[2];

		assertThat(table.probabilities(new TextFeatures.Vector(new int[] { 3, 700 }, new float[] { 1, 1 }), known,
				new int[2], new int[0], new int[0])).isEmpty();
		assertThat(known[0]).isEqualTo(-1);
	}

}
