package io.feedbackloop.classifier.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.feedbackloop.classifier.Csv;
import io.feedbackloop.classifier.Evaluation;
import io.feedbackloop.classifier.Example;
import io.feedbackloop.classifier.TextModel;
import io.feedbackloop.classifier.Trainer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' command:
 * <pre>
 * bin/classifier train --data FILE --out MODEL [--head NAME] [--context COLUMN]
 * bin/classifier evaluate --model MODEL --data FILE [--head NAME]
 * </pre>
 * FILE is UTF-8 CSV with the header {@code id,text,label} (RFC 4180 quoting; other columns are ignored).
 * {@code train} trains one head (named {@code label}, or {@code --head}: e.g. {@code kind}, so that the
 * model can be uploaded to complaint-router) from the {@code label} column; with {@code --context}, also a head
 * named after that column (e.g. {@code cat}: what a review is about), from it, which the first head may be read
 * in the context of ({@link Trainer#withContext}; rows with the column empty are read in the context it predicts).
 * {@code evaluate} prints accuracy, macro-F1 and per-label precision/recall/F1; its last line is one JSON object.
 */
public final class ClassifierCli {

	static final String LABEL = "label";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ClassifierCli() {
	}

	public static void main(String[] args) {
		System.exit(run(Clock.systemUTC(), args, System.out, System.err));
	}

	/** @param clock when a model is trained (its metadata's {@code createdAt}) */
	public static int run(Clock clock, String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0) {
			return usage(err, null);
		}
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				return usage(err, "unexpected argument '" + args[i] + "'");
			}
			options.put(args[i].substring(2), args[++i]);
		}
		try {
			return switch (args[0]) {
				case "train" -> train(options, clock, out, err);
				case "evaluate" -> evaluate(options, out, err);
				default -> usage(err, "unknown command '" + args[0] + "'");
			};
		}
		catch (RuntimeException ex) {
			err.println("classifier: " + ex.getMessage());
			return 1;
		}
	}

	private static int train(Map<String, String> options, Clock clock, PrintStream out, PrintStream err) {
		String data = options.get("data");
		String model = options.get("out");
		if (data == null || model == null) {
			return usage(err, "train needs --data FILE and --out MODEL");
		}
		String head = options.getOrDefault("head", LABEL);
		String context = options.get("context");
		if (head.equals(context) || LABEL.equals(context)) {
			return usage(err, "--context names another column than the label's");
		}
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put(head, LABEL);
		Trainer trainer = new Trainer();
		Map<String, @Nullable List<String>> heads = new LinkedHashMap<>();
		heads.put(head, null);
		if (context != null) {
			columns.put(context, context);
			trainer = trainer.withContext(context);
			heads.put(context, null);
		}
		List<Example> examples = examples(Path.of(data), head, columns);
		if (context != null && examples.stream().noneMatch((e) -> e.label(context) != null)) {
			throw new IllegalArgumentException(data + " has no value in a column '" + context + "' (--context)");
		}
		long started = System.nanoTime();
		TextModel trained = trainer.train(examples, heads, Path.of(data).getFileName().toString(), null, clock.instant());
		trained.save(Path.of(model));
		TextModel.HeadInfo info = trained.metadata().heads().get(head);
		out.printf(Locale.ROOT, "trained %s from %d examples (%d labels) in %.1f s; hold-out macro-F1 %s%s%n",
				trained.version(), examples.size(), info.labels().size(), (System.nanoTime() - started) / 1e9,
				info.holdoutMacroF1(), (info.context() != null) ? "; read in the context of " + info.context().head()
						: (context != null) ? "; not read in the context of " + context + " (too few rows, or no better)" : "");
		out.println("wrote " + model);
		return 0;
	}

	private static int evaluate(Map<String, String> options, PrintStream out, PrintStream err) {
		String data = options.get("data");
		String modelFile = options.get("model");
		if (data == null || modelFile == null) {
			return usage(err, "evaluate needs --model MODEL and --data FILE");
		}
		if (!Files.isRegularFile(Path.of(modelFile))) {
			throw new IllegalArgumentException("no model file " + modelFile);
		}
		TextModel model = TextModel.load(Path.of(modelFile));
		String head = options.getOrDefault("head",
				model.headNames().contains(LABEL) ? LABEL : model.headNames().get(0));
		List<Example> examples = examples(Path.of(data), head, Map.of(head, LABEL));
		List<String> gold = new ArrayList<>(examples.size());
		List<String> predicted = new ArrayList<>(examples.size());
		for (Example example : examples) {
			gold.add(example.label(head));
			predicted.add(model.predict(head, example.text()));
		}
		Evaluation evaluation = Evaluation.of(gold, predicted);
		out.println("model " + model.version() + ", head " + head + ", data " + data);
		evaluation.report().forEach(out::println);
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("model", model.version());
		summary.put("head", head);
		summary.put("texts", evaluation.total());
		summary.put("accuracy", Evaluation.round(evaluation.accuracy()));
		summary.put("macroF1", Evaluation.round(evaluation.macroF1()));
		Map<String, Object> perLabel = new LinkedHashMap<>();
		evaluation.labels().forEach((label, f) -> perLabel.put(label, Map.of("precision", Evaluation.round(f.precision()),
				"recall", Evaluation.round(f.recall()), "f1", Evaluation.round(f.f1()), "support", f.support())));
		summary.put("labels", perLabel);
		out.println(JSON.writeValueAsString(summary));
		return 0;
	}

	/** The rows labelled for {@code head}, with their labels per head from the columns given. */
	private static List<Example> examples(Path file, String head, Map<String, String> columns) {
		List<Example> examples = Csv.examples(Csv.read(file), columns).stream()
			.filter((e) -> e.label(head) != null)
			.toList();
		if (examples.isEmpty()) {
			throw new IllegalArgumentException(file + " has no labelled rows (header must be id,text,label)");
		}
		return examples;
	}

	private static int usage(PrintStream err, @Nullable String problem) {
		if (problem != null) {
			err.println("classifier: " + problem);
		}
		err.println("usage: bin/classifier train --data FILE --out MODEL [--head NAME] [--context COLUMN]");
		err.println("       bin/classifier evaluate --model MODEL --data FILE [--head NAME]");
		err.println("FILE: UTF-8 CSV with the header id,text,label");
		return 2;
	}

}
