package io.feedbackloop.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerTests {

	private static final String HEAD = "kind";

	private static final List<String> LABELS = List.of("complaint", "other");

	private static final int DIMENSION = 1 << 12;

	private static final String[] FILLER = { "my", "order", "today", "the", "app", "store", "please", "again",
			"yesterday", "phone", "card", "delivery", "account", "plan", "week" };

	/**
	 * Every complaint says "refund"; half of them also say "overcharged", which no other text says. Without
	 * dropout "refund" alone separates the labels and "overcharged" learns little; with dropout "refund" is
	 * often left out of a step and "overcharged" must carry the complaint then.
	 */
	private static List<Example> examples() {
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String filler = FILLER[i % FILLER.length] + " " + FILLER[(i * 7 + 3) % FILLER.length];
			boolean complaint = i % 2 == 0;
			String text = complaint ? ((i % 4 == 0) ? "refund overcharged " : "refund ") + filler : filler;
			examples.add(new Example("t" + i, text, Map.of(HEAD, complaint ? "complaint" : "other")));
		}
		return examples;
	}

	private static LinearModel fit(List<Example> examples, double dropout) {
		TextFeatures features = new TextFeatures(DIMENSION);
		List<TextFeatures.Vector> vectors = examples.stream().map((e) -> features.vector(e.text())).toList();
		List<Integer> rows = IntStream.range(0, examples.size()).boxed().toList();
		return new Trainer(DIMENSION).fit(HEAD, LABELS, rows, examples, vectors, 0, dropout);
	}

	/** How much the feature of a word pushes towards "complaint" rather than "other". */
	private static double complaintWeight(LinearModel model, String word) {
		int index = new TextFeatures(DIMENSION).vector(word).indices()[0];
		return model.weights()[index * 2] - model.weights()[index * 2 + 1];
	}

	@Test
	void dropoutSpreadsTheWeightOverTheFeaturesThatBackUpTheStrongestOne() {
		LinearModel plain = fit(examples(), 0);
		LinearModel dropped = fit(examples(), Trainer.DROPOUT);
		assertThat(complaintWeight(plain, "overcharged")).isPositive();
		assertThat(complaintWeight(dropped, "overcharged") / complaintWeight(dropped, "refund"))
			.isGreaterThan(1.5 * complaintWeight(plain, "overcharged") / complaintWeight(plain, "refund"));
		// a text with only the backing-up word: more confidently a complaint with dropout
		TextFeatures features = new TextFeatures(DIMENSION);
		double plainP = plain.probabilities(features.vector("overcharged again"))[0];
		double droppedP = dropped.probabilities(features.vector("overcharged again"))[0];
		assertThat(droppedP).isGreaterThan(plainP);
	}

	/**
	 * 2,200 texts, each a made-up word said by exactly two texts with the same label: a head that large keeps
	 * the features of a single text, and its hold-out model (fitted on the 80 % not held out, fewer than 2,000
	 * rows) must too, or the words whose other text is held out would teach it nothing and its figures would
	 * describe another model than the one that decides.
	 */
	@Test
	void theHoldOutFiguresDescribeAModelTrainedLikeTheWholeHead() {
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < 1100; i++) {
			StringBuilder word = new StringBuilder("qx");
			for (int n = i; n > 0; n /= 26) {
				word.append((char) ('a' + n % 26));
			}
			String label = (i % 2 == 0) ? "complaint" : "other";
			examples.add(new Example("w" + i + "-1", word.toString(), Map.of(HEAD, label)));
			examples.add(new Example("w" + i + "-2", word.toString(), Map.of(HEAD, label)));
		}

		TextModel model = new Trainer(1 << 16).train(examples, Map.of(HEAD, LABELS), "test", null,
				java.time.Instant.parse("2026-11-24T00:00:00Z"));

		// trained on 1,760 rows the way a small head is (words of one text left out), it would guess: about 0.5
		assertThat(model.metadata().heads().get(HEAD).holdoutAccuracy()).isGreaterThan(0.8);
	}

	@Test
	void onASmallSetAWordOfOnlyOneExampleLearnsNothingAndAWordOfTwoDoes() {
		List<Example> examples = new ArrayList<>(examples());
		examples.add(new Example("once", "refund zyxwonce", Map.of(HEAD, "complaint")));
		examples.add(new Example("twice-1", "refund zyxwtwice", Map.of(HEAD, "complaint")));
		examples.add(new Example("twice-2", "refund zyxwtwice today", Map.of(HEAD, "complaint")));

		TextModel model = new Trainer(DIMENSION).train(examples, Map.of(HEAD, LABELS), "test", null,
				java.time.Instant.parse("2026-11-24T00:00:00Z"));

		LinearModel head = model.head(HEAD);
		assertThat(complaintWeight(head, "zyxwonce")).isZero();
		assertThat(complaintWeight(head, "zyxwtwice")).isPositive();
	}

	/**
	 * 2,401 texts are a large head over 2 labels, but over 16 labels (150 texts each) too few a label: then, as on
	 * a small set, a word of only one text learns nothing.
	 */
	@Test
	void aHeadWithFewTextsALabelLeavesOutTheWordsOfASingleText() {
		assertThat(weightsOfAWordOfOneText(2)).isNotEqualTo(new float[2]);
		assertThat(weightsOfAWordOfOneText(16)).containsOnly(0f);
	}

	private static float[] weightsOfAWordOfOneText(int labelCount) {
		List<String> labels = IntStream.range(0, labelCount).mapToObj((l) -> "label" + l).toList();
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < 2400; i++) {
			String text = "qw" + (char) ('a' + i % labelCount) + " " + FILLER[i % FILLER.length];
			examples.add(new Example("t" + i, text, Map.of(HEAD, labels.get(i % labelCount))));
		}
		examples.add(new Example("once", "qwa zyxwonce", Map.of(HEAD, labels.get(0))));
		int dimension = 1 << 16;
		TextModel model = new Trainer(dimension).train(examples, Map.of(HEAD, labels), "test", null,
				java.time.Instant.parse("2026-11-24T00:00:00Z"));
		int index = new TextFeatures(dimension).vector("zyxwonce").indices()[0];
		float[] weights = model.head(HEAD).weights();
		return java.util.Arrays.copyOfRange(weights, index * labelCount, (index + 1) * labelCount);
	}

	@Test
	void dropoutTrainingIsDeterministicAndStillSeparatesTheLabels() {
		LinearModel a = fit(examples(), Trainer.DROPOUT);
		LinearModel b = fit(examples(), Trainer.DROPOUT);
		assertThat(a.weights()).containsExactly(b.weights());
		assertThat(a.bias()).containsExactly(b.bias());
		TextFeatures features = new TextFeatures(DIMENSION);
		assertThat(Trainer.best(a, features.vector("refund my card please"))).isEqualTo("complaint");
		assertThat(Trainer.best(a, features.vector("my card please"))).isEqualTo("other");
	}

}
