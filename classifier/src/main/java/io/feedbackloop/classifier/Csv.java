package io.feedbackloop.classifier;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 4180 CSV: a header row, fields optionally in double quotes ({@code ""} for a quote), UTF-8. */
public final class Csv {

	private Csv() {
	}

	/** The rows of a CSV file as maps from header name to value (a BOM before the header is dropped). */
	public static List<Map<String, String>> read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return read(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	public static List<Map<String, String>> read(Reader reader) throws IOException {
		List<List<String>> records = records(reader);
		if (records.isEmpty()) {
			return List.of();
		}
		List<String> header = new ArrayList<>(records.get(0));
		if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
			header.set(0, header.get(0).substring(1));
		}
		List<Map<String, String>> rows = new ArrayList<>(records.size() - 1);
		for (int r = 1; r < records.size(); r++) {
			List<String> fields = records.get(r);
			if (fields.size() == 1 && fields.get(0).isEmpty()) {
				continue;
			}
			Map<String, String> row = new LinkedHashMap<>();
			for (int c = 0; c < header.size() && c < fields.size(); c++) {
				row.put(header.get(c).trim(), fields.get(c));
			}
			rows.add(row);
		}
		return rows;
	}

	/**
	 * Examples from rows: {@code id} and {@code text}, and each of {@code heads} from the column of that
	 * name (rows missing the text are skipped; rows missing a head's column are unlabelled for that head).
	 */
	public static List<Example> examples(List<Map<String, String>> rows, Map<String, String> headColumns) {
		List<Example> examples = new ArrayList<>(rows.size());
		int line = 1;
		for (Map<String, String> row : rows) {
			line++;
			String text = row.get("text");
			if (text == null || text.isBlank()) {
				continue;
			}
			Map<String, String> labels = new HashMap<>();
			headColumns.forEach((head, column) -> {
				String value = row.get(column);
				if (value != null && !value.isBlank()) {
					labels.put(head, value.trim());
				}
			});
			String id = row.getOrDefault("id", "");
			examples.add(new Example(id.isBlank() ? "row-" + line : id, text, labels));
		}
		return examples;
	}

	private static List<List<String>> records(Reader reader) throws IOException {
		List<List<String>> records = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		int c;
		while ((c = reader.read()) != -1) {
			any = true;
			if (quoted) {
				if (c == '"') {
					int next = reader.read();
					if (next == '"') {
						field.append('"');
					}
					else {
						quoted = false;
						if (next == -1) {
							break;
						}
						handle((char) next, fields, field, records);
					}
				}
				else {
					field.append((char) c);
				}
			}
			else if (c == '"' && field.length() == 0) {
				quoted = true;
			}
			else {
				handle((char) c, fields, field, records);
			}
		}
		if (any && (field.length() > 0 || !fields.isEmpty())) {
			fields.add(field.toString());
			records.add(fields);
		}
		return records;
	}

	private static void handle(char c, List<String> fields, StringBuilder field, List<List<String>> records) {
		if (c == ',') {
			fields.add(field.toString());
			field.setLength(0);
		}
		else if (c == '\n') {
			fields.add(field.toString());
			field.setLength(0);
			records.add(new ArrayList<>(fields));
			fields.clear();
		}
		else if (c != '\r') {
			field.append(c);
		}
	}

}
