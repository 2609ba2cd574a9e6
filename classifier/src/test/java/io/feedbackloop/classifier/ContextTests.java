package io.feedbackloop.classifier;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A head read in the context of another head's label ({@link Trainer#withContext}): trained, chosen or not,
 * written and read back, scored by the engine as by {@link TextModel#predict}, explained.
 */
class ContextTests {

	private static final int DIMENSION = 1 << 14;

	private static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");

	private static final Taxonomy TELECOM = Taxonomy.load("telecom");

	private static final Map<String, String[]> TOPICS = Map.of("network",
			new String[] { "signal", "tower", "coverage", "reception", "bars", "roaming" }, "billing",
			new String[] { "invoice", "charge", "bill", "payment", "fee", "statement" });

	private static final String[] FILLER = { "today", "my", "the", "again", "really", "quite", "this", "month",
			"week", "phone", "honestly", "lately" };

	/**
	 * Texts about the network or the bill whose sentiment the word "high" or "low" decides, the other way round
	 * for each: a high signal is good, a high bill is not. The word never stands next to a topic word, so no
	 * feature of a text alone tells the sentiment; read with the category, every text does. One text in ten has
	 * no category label (read in the context the category head predicts).
	 */
	static List<Example> texts(int count, long seed, String prefix) {
		Random random = new Random(seed);
		List<Example> examples = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String category = random.nextBoolean() ? "network" : "billing";
			boolean high = random.nextBoolean();
			String[] topic = TOPICS.get(category);
			String text = (high ? "high " : "low ") + FILLER[random.nextInt(FILLER.length)] + " "
					+ FILLER[random.nextInt(FILLER.length)] + " " + topic[random.nextInt(topic.length)] + " "
					+ topic[random.nextInt(topic.length)];
			boolean positive = high == category.equals("network");
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put(Taxonomy.SENTIMENT, positive ? "positive" : "negative");
			if (i % 10 != 3) {
				labels.put(Taxonomy.CATEGORY, category);
			}
			examples.add(new Example(prefix + i, text, labels));
		}
		return examples;
	}

	private static Map<String, @Nullable List<String>> heads() {
		Map<String, @Nullable List<String>> heads = new LinkedHashMap<>();
		heads.put(Taxonomy.CATEGORY, null);
		heads.put(Taxonomy.SENTIMENT, null);
		return heads;
	}

	private static double sentimentAccuracy(TextModel model, List<Example> test) {
		int right = 0;
		for (Example e : test) {
			right += model.predict(Taxonomy.SENTIMENT, e.text()).equals(e.label(Taxonomy.SENTIMENT)) ? 1 : 0;
		}
		return (double) right / test.size();
	}

	/** Trained once: 22,000 rows, above the 20,000 from which a head may be read in context. */
	private static final TextModel IN_CONTEXT = new Trainer(DIMENSION).withContext(Taxonomy.CATEGORY)
		.train(texts(22_000, 7, "t"), heads(), "synthetic", null, NOW);

	private static final List<Example> UNSEEN = texts(2_000, 99, "u");

	@Test
	void aHeadWhoseWordsMeanOneThingInOneCategoryAndAnotherInTheOtherIsReadInTheCategory() {
		TextModel plain = new Trainer(DIMENSION).train(texts(22_000, 7, "t"), heads(), "synthetic", null, NOW);

		assertThat(IN_CONTEXT.metadata().heads().get(Taxonomy.SENTIMENT).context())
			.isEqualTo(new TextModel.Context(Taxonomy.CATEGORY, Trainer.CONTEXT_WEIGHT));
		assertThat(IN_CONTEXT.metadata().heads().get(Taxonomy.CATEGORY).context()).isNull();
		assertThat(plain.metadata().heads().get(Taxonomy.SENTIMENT).context()).isNull();
		assertThat(sentimentAccuracy(IN_CONTEXT, UNSEEN)).isGreaterThan(0.97);
		assertThat(sentimentAccuracy(plain, UNSEEN)).isLessThan(0.7);
		// the hold-out figures are those of the head read in context, its context predicted
		assertThat(IN_CONTEXT.metadata().heads().get(Taxonomy.SENTIMENT).holdoutAccuracy()).isGreaterThan(0.97);
		assertThat(IN_CONTEXT.version()).isNotEqualTo(plain.version());
	}

	@Test
	void fewerRowsAreNotReadInContext() {
		TextModel small = new Trainer(DIMENSION).withContext(Taxonomy.CATEGORY)
			.train(texts(5_000, 7, "t"), heads(), "synthetic", null, NOW);
		TextModel plain = new Trainer(DIMENSION).train(texts(5_000, 7, "t"), heads(), "synthetic", null, NOW);

		assertThat(small.metadata().heads().values()).allSatisfy((head) -> assertThat(head.context()).isNull());
		// the same model as without a context head: its id too
		assertThat(small.version()).isEqualTo(plain.version());
		assertThat(small.toBytes()).isEqualTo(plain.toBytes());
	}

	@Test
	void theSeedModelReadsNoHeadInContext() throws IOException {
		TextModel seeds = SeedExamples.train(TELECOM, NOW);

		assertThat(seeds.metadata().heads().values()).allSatisfy((head) -> assertThat(head.context()).isNull());
		assertThat(format(seeds.toBytes())).isEqualTo(TextModel.FORMAT_WITHOUT_CONTEXT);
	}

	@Test
	void aModelReadInContextIsWrittenInTheNewerFormatAndReadsBackTheSame() throws IOException {
		byte[] bytes = IN_CONTEXT.toBytes();
		TextModel read = TextModel.fromBytes(bytes);

		assertThat(format(bytes)).isEqualTo(TextModel.FORMAT);
		assertThat(read.metadata()).isEqualTo(IN_CONTEXT.metadata());
		for (Example e : UNSEEN.subList(0, 300)) {
			assertThat(read.predict(Taxonomy.SENTIMENT, e.text())).isEqualTo(IN_CONTEXT.predict(Taxonomy.SENTIMENT, e.text()));
		}
	}

	@Test
	void theEngineScoresAHeadInContextAsTheModelDoesAndSaysInWhichContext() {
		// a rule none of the texts fires: the model decides alone
		RuleSet none = RuleSet.parse("""
				{ "version": "none", "rules": [ { "id": "never", "head": "kind", "label": "inquiry", "weight": 1.0,
				  "keywords": ["no text says this"] } ] }""".getBytes(StandardCharsets.UTF_8), TELECOM, "none.json");
		ClassifierEngine engine = new ClassifierEngine(TELECOM, () -> none, () -> IN_CONTEXT);

		for (Example e : UNSEEN.subList(0, 300)) {
			Decision decision = engine.classify(e.text());
			assertThat(decision.head(Taxonomy.SENTIMENT).label()).isEqualTo(IN_CONTEXT.predict(Taxonomy.SENTIMENT, e.text()));
		}
		Decision decision = engine.classify("high today my bill fee");
		assertThat(decision.head(Taxonomy.SENTIMENT).label()).isEqualTo("negative");
		assertThat(decision.head(Taxonomy.SENTIMENT).explanation()).contains("model: read as about category \"billing\"")
			.anySatisfy((line) -> assertThat(line).startsWith("model: \"high"));
		assertThat(decision.head(Taxonomy.CATEGORY).explanation()).noneMatch((line) -> line.contains("read as about"));
		assertThat(engine.classify("high today my signal bars").head(Taxonomy.SENTIMENT).label()).isEqualTo("positive");
	}

	@Test
	void aModelWhoseHeadIsReadInTheContextOfAHeadItLacksIsRefused() {
		TextModel.Metadata metadata = IN_CONTEXT.metadata();
		Map<String, TextModel.HeadInfo> heads = new LinkedHashMap<>(metadata.heads());
		TextModel.HeadInfo sentiment = heads.get(Taxonomy.SENTIMENT);
		heads.put(Taxonomy.SENTIMENT, new TextModel.HeadInfo(sentiment.labels(), sentiment.trainingSize(), null, null,
				new TextModel.Context(Taxonomy.KIND, 0.7f)));
		Map<String, LinearModel> models = new LinkedHashMap<>();
		heads.keySet().forEach((head) -> models.put(head, IN_CONTEXT.head(head)));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TextModel(new TextModel.Metadata(metadata.version(), metadata.createdAt(),
					metadata.trainedFrom(), metadata.trainingSize(), null, metadata.dimension(), heads), models))
			.withMessageContaining("'sentiment' is scored in the context of 'kind'");
	}

	@Test
	void aVectorInContextListsEachIndexOnceItsCrossedFeaturesWeighted() {
		// a dimension this small makes crossed features land on the vector's own indices and on each other
		TextFeatures features = new TextFeatures(16);
		TextFeatures.Vector vector = features.vector("high today my signal bars");
		TextFeatures.Vector read = features.inContext(vector, 1, 0.5f);

		assertThat(java.util.Arrays.stream(read.indices()).distinct().count()).isEqualTo(read.size());
		assertThat(read.size()).isGreaterThan(vector.size()).isLessThanOrEqualTo(16);
		assertThat(java.util.Arrays.copyOf(read.indices(), vector.size())).isEqualTo(vector.indices());
		int[] crossed = TextFeatures.crossed(vector, 1, 16);
		int m = vector.size();
		for (int i = 0; i < vector.size(); i++) {
			if (crossed[i] >= 0) {
				assertThat(read.indices()[m]).isEqualTo(crossed[i]);
				assertThat(read.values()[m++]).isEqualTo(vector.values()[i] * 0.5f);
			}
		}
		assertThat(m).isEqualTo(read.size());
	}

	private static int format(byte[] model) throws IOException {
		try (DataInputStream data = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(model)))) {
			data.readInt();
			return data.readInt();
		}
	}

}
