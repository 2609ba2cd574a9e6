package io.feedbackloop.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operator-editable rules: per head ({@code kind}, {@code category}, {@code sentiment}) and label, keywords
 * (matched case-insensitively as substrings, Chinese or English) and regular expressions, with a weight.
 * A rule fires when any keyword or pattern matches (after removing its {@code exclude} terms from the
 * text, so that {@code 不满意} does not count as {@code 满意}); it adds its weight to the label's score,
 * half as much again per further keyword or pattern hit, at most twice its weight.
 *
 * <p>The file (JSON):
 * <pre>
 * { "version": "2026-11-22",
 *   "rules": [ { "id": "network-signal", "head": "category", "label": "network", "weight": 2.0,
 *                "keywords": ["信号", "no signal"], "patterns": ["掉(线|话)"], "exclude": [] } ] }
 * </pre>
 * The version of a rule set is its declared version and a hash of its content, so that every edit is a
 * new version.
 */
public final class RuleSet {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String version;

	private final List<CompiledRule> rules;

	/** keywords and excluded terms by their first character */
	private final Map<Character, List<Term>> index = new java.util.HashMap<>();

	private RuleSet(String version, List<CompiledRule> rules) {
		this.version = version;
		this.rules = List.copyOf(rules);
		for (int r = 0; r < this.rules.size(); r++) {
			for (String keyword : this.rules.get(r).keywords()) {
				this.index.computeIfAbsent(keyword.charAt(0), (c) -> new ArrayList<>()).add(new Term(keyword, r, false));
			}
			for (String term : this.rules.get(r).exclude()) {
				this.index.computeIfAbsent(term.charAt(0), (c) -> new ArrayList<>()).add(new Term(term, r, true));
			}
		}
	}

	/** The file's shape. */
	public record RulesFile(@Nullable String version, List<Rule> rules) {
	}

	/** One rule as written. */
	public record Rule(String id, String head, String label, @Nullable Double weight, @Nullable List<String> keywords,
			@Nullable List<String> patterns, @Nullable List<String> exclude) {
	}

	/** A fired rule: the rule, its head and label, the score it added and what matched. */
	public record Hit(String rule, String head, String label, double score, List<String> matched) {

		public String describe() {
			return "rule " + this.rule + " → " + this.label + " (+" + Math.round(this.score * 10) / 10.0 + "): "
					+ String.join(", ", this.matched);
		}

	}

	private record Term(String text, int rule, boolean exclude) {
	}

	private record CompiledRule(String id, String head, String label, double weight, List<String> keywords,
			List<Pattern> patterns, List<String> exclude) {
	}

	public String version() {
		return this.version;
	}

	public int size() {
		return this.rules.size();
	}

	/** Parses and checks rules against a taxonomy: an unknown head or label fails, naming it. */
	public static RuleSet parse(byte[] content, Taxonomy taxonomy, String source) {
		return parse(content, taxonomy, source, false);
	}

	/** The rules shipped with the classifier, keeping those whose labels the taxonomy has. */
	public static RuleSet bundled(Taxonomy taxonomy) {
		try (InputStream in = RuleSet.class.getResourceAsStream("default-rules.json")) {
			if (in == null) {
				throw new IllegalStateException("default-rules.json is missing from the classifier jar");
			}
			return parse(in.readAllBytes(), taxonomy, "bundled default-rules.json", true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static RuleSet load(Path file, Taxonomy taxonomy) {
		try {
			return parse(Files.readAllBytes(file), taxonomy, file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the rules file " + file, ex);
		}
	}

	private static RuleSet parse(byte[] content, Taxonomy taxonomy, String source, boolean keepKnownOnly) {
		RulesFile file;
		try {
			file = JSON.readValue(content, RulesFile.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Rules " + source + " are not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		List<CompiledRule> compiled = new ArrayList<>();
		Map<String, Boolean> ids = new LinkedHashMap<>();
		for (Rule rule : (file.rules() != null) ? file.rules() : List.<Rule>of()) {
			String where = "Rules " + source + ", rule '" + rule.id() + "'";
			if (rule.id() == null || rule.head() == null || rule.label() == null) {
				throw new IllegalArgumentException("Rules " + source + ": every rule needs id, head and label: " + rule);
			}
			if (keepKnownOnly && Taxonomy.HEADS.contains(rule.head())
					&& !taxonomy.labels(rule.head()).contains(rule.label())) {
				continue;
			}
			taxonomy.requireLabel(rule.head(), rule.label(), where);
			if (ids.put(rule.id(), true) != null) {
				throw new IllegalArgumentException(where + ": the id is used twice");
			}
			List<String> keywords = lower(rule.keywords());
			List<Pattern> patterns = new ArrayList<>();
			for (String p : (rule.patterns() != null) ? rule.patterns() : List.<String>of()) {
				try {
					patterns.add(Pattern.compile(p, Pattern.CASE_INSENSITIVE));
				}
				catch (PatternSyntaxException ex) {
					throw new IllegalArgumentException(where + ": bad pattern '" + p + "': " + ex.getDescription(), ex);
				}
			}
			if (keywords.isEmpty() && patterns.isEmpty()) {
				throw new IllegalArgumentException(where + ": has neither keywords nor patterns");
			}
			double weight = (rule.weight() != null) ? rule.weight() : 1.0;
			if (!(weight > 0) || weight > 10) {
				throw new IllegalArgumentException(where + ": weight must be in (0, 10], not " + weight);
			}
			compiled.add(new CompiledRule(rule.id(), rule.head(), rule.label(), weight, keywords, patterns,
					lower(rule.exclude())));
		}
		String declared = (file.version() != null && !file.version().isBlank()) ? file.version().trim() : "rules";
		return new RuleSet(declared + "-" + hash(content), compiled);
	}

	/** The rules that fire on a text. */
	public List<Hit> match(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		int ruleCount = this.rules.size();
		// one pass over the text finds every keyword and excluded term of every rule
		List<int[]>[] excluded = null;
		List<String>[] matched = null;
		for (int at = 0; at < lower.length(); at++) {
			List<Term> candidates = this.index.get(lower.charAt(at));
			if (candidates == null) {
				continue;
			}
			for (Term term : candidates) {
				if (!lower.startsWith(term.text(), at)) {
					continue;
				}
				if (term.exclude()) {
					if (excluded == null) {
						excluded = newLists(ruleCount);
					}
					excluded[term.rule()] = add(excluded[term.rule()], new int[] { at, at + term.text().length() });
				}
				else {
					if (matched == null) {
						matched = newLists(ruleCount);
					}
					matched[term.rule()] = addKeyword(matched[term.rule()], term.text(), at);
				}
			}
		}
		List<Hit> hits = new ArrayList<>();
		for (int r = 0; r < ruleCount; r++) {
			CompiledRule rule = this.rules.get(r);
			List<int[]> spans = (excluded != null) ? excluded[r] : null;
			List<String> found = null;
			if (matched != null && matched[r] != null) {
				for (String entry : matched[r]) {
					int split = entry.indexOf('@');
					int start = Integer.parseInt(entry, 0, split, 10);
					String keyword = entry.substring(split + 1);
					if (!covered(spans, start, start + keyword.length()) && (found == null || !found.contains(keyword))) {
						found = add(found, keyword);
					}
				}
			}
			for (Pattern pattern : rule.patterns()) {
				Matcher m = pattern.matcher(lower);
				while (m.find()) {
					if (!covered(spans, m.start(), m.end())) {
						found = add(found, m.group());
						break;
					}
				}
			}
			if (found != null) {
				double score = Math.min(2 * rule.weight(), rule.weight() * (1 + 0.5 * (found.size() - 1)));
				hits.add(new Hit(rule.id(), rule.head(), rule.label(), score, found));
			}
		}
		return hits;
	}

	private static boolean covered(@Nullable List<int[]> spans, int start, int end) {
		if (spans != null) {
			for (int[] span : spans) {
				if (span[0] < end && start < span[1]) {
					return true;
				}
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T>[] newLists(int size) {
		return new List[size];
	}

	private static List<String> addKeyword(@Nullable List<String> list, String keyword, int at) {
		return add(list, at + "@" + keyword);
	}

	private static <T> List<T> add(@Nullable List<T> list, T value) {
		List<T> result = (list != null) ? list : new ArrayList<>(2);
		result.add(value);
		return result;
	}

	private static List<String> lower(@Nullable List<String> values) {
		if (values == null) {
			return List.of();
		}
		return values.stream().filter((v) -> v != null && !v.isBlank()).map((v) -> v.toLowerCase(Locale.ROOT)).toList();
	}

	private static String hash(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
