package io.feedbackloop.classifier;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.feedbackloop.classifier.cli.ClassifierCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierCliTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T18:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path dir;

	@Test
	void trainThenEvaluatePrintsFiguresAndEndsWithOneJsonObject() throws Exception {
		Path data = this.dir.resolve("data.csv");
		StringBuilder csv = new StringBuilder("id,text,label,extra\n");
		List<String[]> rows = List.of(new String[] { "信号太差，老是掉线", "network" },
				new String[] { "no signal at home, calls drop", "network" },
				new String[] { "\"话费乱扣, 要求退款\"", "billing" },
				new String[] { "overcharged on my bill again", "billing" },
				new String[] { "\"The courier said \"\"delivered\"\" but no parcel\"", "delivery" },
				new String[] { "快递一直没送到", "delivery" });
		for (int i = 0; i < 30; i++) {
			String[] row = rows.get(i % rows.size());
			csv.append(i).append(',').append(row[0]).append(',').append(row[1]).append(",x\n");
		}
		Files.writeString(data, csv.toString());
		Path model = this.dir.resolve("model.bin");

		assertThat(ClassifierCli.run(CLOCK, new String[] { "train", "--data", data.toString(), "--out", model.toString() },
				new PrintStream(new ByteArrayOutputStream()), System.err)).isZero();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = ClassifierCli.run(CLOCK, new String[] { "evaluate", "--model", model.toString(), "--data", data.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

		assertThat(status).isZero();
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).anyMatch((l) -> l.startsWith("accuracy")).anyMatch((l) -> l.startsWith("macro-F1"));
		assertThat(lines).anyMatch((l) -> l.startsWith("delivery") && l.split("\\s+").length == 5);
		JsonNode last = JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
		assertThat(last.get("accuracy").asDouble()).isEqualTo(1.0);
		assertThat(last.get("macroF1").asDouble()).isEqualTo(1.0);
		assertThat(last.get("labels").get("billing").get("f1").asDouble()).isEqualTo(1.0);
	}

	@Test
	void aHeadTrainedWithAContextColumnIsReadInTheContextItPredictsFromTheText() throws Exception {
		Path data = csv("train.csv", ContextTests.texts(22_000, 7, "t"), true);
		// no cat column: scored from the text alone
		Path unseen = csv("unseen.csv", ContextTests.texts(1_000, 99, "u"), false);
		Path model = this.dir.resolve("model.bin");
		ByteArrayOutputStream trained = new ByteArrayOutputStream();

		assertThat(ClassifierCli.run(CLOCK, new String[] { "train", "--data", data.toString(), "--out", model.toString(),
				"--context", "cat" }, new PrintStream(trained, true, StandardCharsets.UTF_8), System.err)).isZero();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ClassifierCli.run(CLOCK, new String[] { "evaluate", "--model", model.toString(), "--data", unseen.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();

		assertThat(trained.toString(StandardCharsets.UTF_8)).contains("read in the context of cat");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(ClassifierCli.run(CLOCK, new String[] { "train", "--data", data.toString(), "--out", model.toString(),
				"--context", "category" }, System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no value in a column 'category' (--context)");
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		JsonNode last = JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
		assertThat(last.get("head").asString()).isEqualTo("label");
		assertThat(last.get("accuracy").asDouble()).isGreaterThan(0.97);
	}

	/** {@code id,text,label} (the sentiment) and, with {@code cat}, the category where the example has one. */
	private Path csv(String name, List<Example> examples, boolean cat) throws Exception {
		StringBuilder csv = new StringBuilder(cat ? "id,text,label,cat\n" : "id,text,label\n");
		for (Example e : examples) {
			csv.append(e.id()).append(',').append(e.text()).append(',').append(e.label(Taxonomy.SENTIMENT));
			if (cat) {
				String category = e.label(Taxonomy.CATEGORY);
				csv.append(',').append((category != null) ? category : "");
			}
			csv.append('\n');
		}
		Path file = this.dir.resolve(name);
		Files.writeString(file, csv.toString());
		return file;
	}

	@Test
	void usageErrorsExitNonZero() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(ClassifierCli.run(CLOCK, new String[] { "evaluate", "--model" }, System.out, new PrintStream(err)))
			.isEqualTo(2);
		assertThat(ClassifierCli.run(CLOCK, new String[] { "evaluate", "--model", "/nope", "--data", "/nope" }, System.out,
				new PrintStream(err))).isEqualTo(1);
		assertThat(ClassifierCli.run(CLOCK, new String[] { "train", "--data", "/nope", "--out", "/nope", "--context", "label" },
				System.out, new PrintStream(err))).isEqualTo(2);
		assertThat(err.toString()).contains("--context names another column than the label's");
	}

}
