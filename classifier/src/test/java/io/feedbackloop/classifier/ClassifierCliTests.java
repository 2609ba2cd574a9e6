package io.feedbackloop.classifier;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.feedbackloop.classifier.cli.ClassifierCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierCliTests {

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

		assertThat(ClassifierCli.run(new String[] { "train", "--data", data.toString(), "--out", model.toString() },
				new PrintStream(new ByteArrayOutputStream()), System.err)).isZero();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = ClassifierCli.run(new String[] { "evaluate", "--model", model.toString(), "--data", data.toString() },
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
	void usageErrorsExitNonZero() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(ClassifierCli.run(new String[] { "evaluate", "--model" }, System.out, new PrintStream(err)))
			.isEqualTo(2);
		assertThat(ClassifierCli.run(new String[] { "evaluate", "--model", "/nope", "--data", "/nope" }, System.out,
				new PrintStream(err))).isEqualTo(1);
	}

}
