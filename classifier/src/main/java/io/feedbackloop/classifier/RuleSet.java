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

import io.feedbackloop.contracts.JsonPaths;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operator-editable rules: per head ({@code kind}, {@code category}, {@code sentiment}) and label, keywords
 * (matched case-insensitively: Chinese ones anywhere in the text, ones in Latin letters as whole words, see
 * {@link #wordAt}) and regular expressions, with a weight.
 * A rule fires when any keyword or pattern matches (after removing its {@code exclude} terms from the
 * text, so that {@code 不满意} does not count as {@code 满意}); it adds its weight to the label's score,
 * half as much again per further keyword or pattern hit, at most twice its weight.
 *
 * <p>A category keyword names a topic, strong evidence in a sentence or two, which is what most feedback is;
 * in a long letter the words of other departments come up in passing (the hotline that never called back, the
 * refund asked for, the bill that still came), while the text model reads all of it. So on a text longer than
 * {@value #FULL_WEIGHT_LENGTH} characters (Chinese characters, plus a third of the Latin letters: an English
 * word says about what two Chinese characters say) a category rule adds its score times
 * {@code (}{@value #FULL_WEIGHT_LENGTH}{@code / length)³}: a fifth at 100, 6 % at 150. Kind and sentiment
 * rules keep their whole score: their words are the writer's stance, which a long text repeats rather than
 * dilutes (damped as well, the sentiment of long hotel and restaurant reviews fell 7.5 and 27 points). The
 * rules version includes this scoring, so that cases decided under it are told from those decided before.
 * Measured on the project's hand-written texts: see the classifier benchmark in complaint-router's README.
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

	/**
	 * Refuses properties the file's shape does not have (Jackson 3 ignores them by default): a misspelt
	 * {@code "exlude"} or {@code "wieght"} would otherwise change what a rule does without a word, and a misspelt
	 * {@code "rule"} leave the service without rules.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** Up to this length (see {@link #lengthScale}) a fired category rule adds its whole score. */
	static final int FULL_WEIGHT_LENGTH = 60;

	/** How a fired rule's score is computed, part of the rules version: a new scoring decides differently. */
	private static final String SCORING = "weight*(1+0.5*(hits-1))<=2*weight;category*(" + FULL_WEIGHT_LENGTH
			+ "/length)^3";

	/** Endings a Latin keyword may carry: "refund" matches "refunded", "app" "apps", "bill" "billing". */
	private static final String[] ENDINGS = { "s", "es", "d", "ed", "ing" };

	private final String version;

	private final List<CompiledRule> rules;

	/** keywords and excluded terms by their first character (an array: no boxing of the character per look-up) */
	private final Term[][] index = new Term[1 << 16][];

	/**
	 * whether a character starts any keyword, excluded term or indexed pattern: most characters are looked up in
	 * no map
	 */
	private final java.util.BitSet starts = new java.util.BitSet(1 << 16);

	/** the indexed patterns (those with {@link RulePattern#firstChars}) a character can start, by their number */
	private final int[][] patternsByFirst = new int[1 << 16][];

	/** per rule and pattern: the pattern's number among the indexed ones, or -1 */
	private final int[][] patternNumbers;

	private final int indexedPatterns;

	private RuleSet(String version, List<CompiledRule> rules) {
		this.version = version;
		this.rules = List.copyOf(rules);
		Map<Character, List<Term>> byFirst = new java.util.HashMap<>();
		for (int r = 0; r < this.rules.size(); r++) {
			for (String keyword : this.rules.get(r).keywords()) {
				byFirst.computeIfAbsent(keyword.charAt(0), (c) -> new ArrayList<>()).add(new Term(keyword, r, false));
				this.starts.set(keyword.charAt(0));
			}
			for (String term : this.rules.get(r).exclude()) {
				byFirst.computeIfAbsent(term.charAt(0), (c) -> new ArrayList<>()).add(new Term(term, r, true));
				this.starts.set(term.charAt(0));
			}
		}
		byFirst.forEach((c, terms) -> this.index[c] = terms.toArray(new Term[0]));
		this.patternNumbers = new int[this.rules.size()][];
		Map<Character, List<Integer>> patternsByFirst = new java.util.HashMap<>();
		int number = 0;
		for (int r = 0; r < this.rules.size(); r++) {
			List<RulePattern> patterns = this.rules.get(r).patterns();
			this.patternNumbers[r] = new int[patterns.size()];
			for (int k = 0; k < patterns.size(); k++) {
				RulePattern pattern = patterns.get(k);
				java.util.BitSet firstChars = pattern.firstChars();
				if (pattern.anchored() || firstChars == null) {
					this.patternNumbers[r][k] = -1;
					continue;
				}
				int n = number++;
				this.patternNumbers[r][k] = n;
				firstChars.stream().forEach((c) -> {
					patternsByFirst.computeIfAbsent((char) c, (x) -> new ArrayList<>()).add(n);
					this.starts.set(c);
				});
			}
		}
		this.indexedPatterns = number;
		patternsByFirst.forEach((c, numbers) -> this.patternsByFirst[c] = numbers.stream().mapToInt(Integer::intValue).toArray());
	}

	/** The file's shape. */
	public record RulesFile(@Nullable String version, List<Rule> rules) {
	}

	/** One rule as written. */
	public record Rule(String id, String head, String label, @Nullable Double weight, @Nullable List<String> keywords,
			@Nullable List<String> patterns, @Nullable List<String> exclude) {
	}

	/**
	 * A fired rule: the rule, its head and label, the score it added, the score it adds to a short text (more than
	 * {@code score} when a category rule fired on a long text) and what matched.
	 */
	public record Hit(String rule, String head, String label, double score, double fullScore, List<String> matched) {

		/**
		 * {@code rule category-billing → billing (+3.0): 话费, 乱扣}; on a long text
		 * {@code rule category-network → network (+0.13 of 4.0, long text): 信号, 掉线} (two significant digits).
		 */
		public String describe() {
			String added = (this.score < this.fullScore)
					? "+" + new java.math.BigDecimal(this.score).round(new java.math.MathContext(2)).toPlainString()
							+ " of " + tenths(this.fullScore) + ", long text"
					: "+" + tenths(this.score);
			return "rule " + this.rule + " → " + this.label + " (" + added + "): " + String.join(", ", this.matched);
		}

		private static double tenths(double score) {
			return Math.round(score * 10) / 10.0;
		}

	}

	private record Term(String text, int rule, boolean exclude) {
	}

	private record KeywordAt(int at, String keyword) {
	}

	private record CompiledRule(String id, String head, String label, double weight, List<String> keywords,
			List<RulePattern> patterns, List<String> exclude) {
	}

	/**
	 * A pattern and the characters any match must start with (null when the pattern is not that simple):
	 * a text with none of them is not searched, most texts never run the regular expression.
	 */
	private record RulePattern(Pattern pattern, java.util.@Nullable BitSet firstChars, boolean anchored) {

		static RulePattern of(String regex) {
			return new RulePattern(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), firstChars(regex),
					regex.startsWith("^"));
		}

		/**
		 * The first match not inside an excluded span, as {@link Matcher#find()} would find it, but tried only
		 * where a match can start (a pattern anchored at {@code ^}: only at the start; one with first characters:
		 * from {@code from}, the first of them in the text, or nowhere when it is negative).
		 */
		@Nullable String firstMatch(String lower, @Nullable List<int[]> excluded, int from) {
			if (this.anchored) {
				Matcher m = this.pattern.matcher(lower);
				return (m.lookingAt() && !covered(excluded, m.start(), m.end())) ? m.group() : null;
			}
			if (this.firstChars == null) {
				Matcher m = this.pattern.matcher(lower);
				while (m.find()) {
					if (!covered(excluded, m.start(), m.end())) {
						return m.group();
					}
				}
				return null;
			}
			// the matcher only once a possible first character is found: most texts need none
			Matcher m = null;
			int n = lower.length();
			int at = (from < 0) ? n : from;
			while (at < n) {
				if (!this.firstChars.get(lower.charAt(at))) {
					at++;
					continue;
				}
				if (m == null) {
					m = this.pattern.matcher(lower).useTransparentBounds(true).useAnchoringBounds(false);
				}
				m.region(at, n);
				if (m.lookingAt()) {
					if (!covered(excluded, m.start(), m.end())) {
						return m.group();
					}
					at = Math.max(m.end(), at + 1);
				}
				else {
					at++;
				}
			}
			return null;
		}

		/**
		 * {@code (a|bc|\\d+)rest}, {@code literal...} or {@code \\?...} (an escaped punctuation mark first): the
		 * possible first characters; else null.
		 */
		static java.util.@Nullable BitSet firstChars(String regex) {
			java.util.BitSet set = new java.util.BitSet();
			if (hasTopLevelAlternation(regex)) {
				return null;
			}
			if (!regex.startsWith("(")) {
				return addFirst(regex, set) ? set : null;
			}
			int close = regex.indexOf(')');
			String body = regex.substring(1, Math.max(1, close));
			if (close < 0 || body.isEmpty() || body.startsWith("?") || body.indexOf('(') >= 0 || body.indexOf('[') >= 0
					|| !onlyDigitOrPunctuationEscapes(body)
					|| (close + 1 < regex.length() && "?*{".indexOf(regex.charAt(close + 1)) >= 0)) {
				return null;
			}
			for (String alternative : body.split("\\|", -1)) {
				if (!addFirst(alternative, set)) {
					return null;
				}
			}
			return set;
		}

		/** Whether every escape of a group's body is {@code \\d} or an escaped punctuation mark other than {@code |}. */
		private static boolean onlyDigitOrPunctuationEscapes(String body) {
			for (int i = body.indexOf('\\'); i >= 0; i = body.indexOf('\\', i + 2)) {
				char next = (i + 1 < body.length()) ? body.charAt(i + 1) : 'x';
				if (next != 'd' && (Character.isLetterOrDigit(next) || next == '|')) {
					return false;
				}
			}
			return true;
		}

		private static boolean hasTopLevelAlternation(String regex) {
			int depth = 0;
			boolean inClass = false;
			for (int i = 0; i < regex.length(); i++) {
				char c = regex.charAt(i);
				if (c == '\\') {
					i++;
				}
				else if (inClass) {
					inClass = c != ']';
				}
				else if (c == '[') {
					inClass = true;
				}
				else if (c == '(') {
					depth++;
				}
				else if (c == ')') {
					depth--;
				}
				else if (c == '|' && depth == 0) {
					return true;
				}
			}
			return false;
		}

		private static boolean addFirst(String alternative, java.util.BitSet set) {
			if (alternative.isEmpty()) {
				return false;
			}
			if (alternative.startsWith("\\d")) {
				if (alternative.length() > 2 && "?*{".indexOf(alternative.charAt(2)) >= 0) {
					return false;
				}
				set.set('0', '9' + 1);
				return true;
			}
			// an escaped punctuation mark ("\\?", "\\."): that character
			int width = (alternative.length() > 1 && alternative.charAt(0) == '\\'
					&& !Character.isLetterOrDigit(alternative.charAt(1))) ? 2 : 1;
			char c = alternative.charAt(width - 1);
			if ((width == 1 && "\\[](){}.*+?^$|".indexOf(c) >= 0)
					|| (alternative.length() > width && "?*{".indexOf(alternative.charAt(width)) >= 0)) {
				return false;
			}
			set.set(c);
			set.set(Character.toLowerCase(c));
			return true;
		}

	}

	public String version() {
		return this.version;
	}

	public int size() {
		return this.rules.size();
	}

	/**
	 * Parses and checks rules against a taxonomy: an unknown head, label or property ({@code rules[2].exlude}),
	 * or a file without rules, fails, naming it.
	 */
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
		catch (UnrecognizedPropertyException ex) {
			throw new IllegalArgumentException("Rules " + source + ": unknown property " + JsonPaths.of(ex) + " (known: "
					+ ex.getKnownPropertyIds() + ")", ex);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Rules " + source + " are not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (file.rules() == null || file.rules().isEmpty()) {
			// an empty file, or one whose rules are misspelt away: never what an operator means
			throw new IllegalArgumentException("Rules " + source + " have no rules: \"rules\" must list at least one");
		}
		List<CompiledRule> compiled = new ArrayList<>();
		Map<String, Boolean> ids = new LinkedHashMap<>();
		for (Rule rule : file.rules()) {
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
			List<RulePattern> patterns = new ArrayList<>();
			for (String p : (rule.patterns() != null) ? rule.patterns() : List.<String>of()) {
				try {
					patterns.add(RulePattern.of(p));
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
		// a typographic apostrophe as the ASCII one the rules are written with (same length: positions hold)
		String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
		int ruleCount = this.rules.size();
		// one pass over the text finds every keyword and excluded term of every rule, and where each indexed
		// pattern can first match
		List<int[]>[] excluded = null;
		List<KeywordAt>[] matched = null;
		int[] patternFrom = null;
		for (int at = 0; at < lower.length(); at++) {
			if (!this.starts.get(lower.charAt(at))) {
				continue;
			}
			int[] patterns = this.patternsByFirst[lower.charAt(at)];
			if (patterns != null) {
				if (patternFrom == null) {
					patternFrom = new int[this.indexedPatterns];
					java.util.Arrays.fill(patternFrom, -1);
				}
				for (int p : patterns) {
					if (patternFrom[p] < 0) {
						patternFrom[p] = at;
					}
				}
			}
			Term[] candidates = this.index[lower.charAt(at)];
			if (candidates == null) {
				continue;
			}
			for (Term term : candidates) {
				if (!lower.startsWith(term.text(), at) || !wordAt(lower, at, term.text())) {
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
					matched[term.rule()] = add(matched[term.rule()], new KeywordAt(at, term.text()));
				}
			}
		}
		List<Hit> hits = new ArrayList<>();
		// computed once, when a category rule first fires
		double scale = -1;
		for (int r = 0; r < ruleCount; r++) {
			CompiledRule rule = this.rules.get(r);
			List<int[]> spans = (excluded != null) ? excluded[r] : null;
			List<String> found = null;
			if (matched != null && matched[r] != null) {
				for (KeywordAt entry : matched[r]) {
					int start = entry.at();
					String keyword = entry.keyword();
					if (!covered(spans, start, start + keyword.length()) && (found == null || !found.contains(keyword))) {
						found = add(found, keyword);
					}
				}
			}
			for (int k = 0; k < rule.patterns().size(); k++) {
				int number = this.patternNumbers[r][k];
				int from = (number < 0) ? 0 : (patternFrom != null) ? patternFrom[number] : -1;
				String match = rule.patterns().get(k).firstMatch(lower, spans, from);
				if (match != null) {
					found = add(found, match);
				}
			}
			if (found != null) {
				double full = Math.min(2 * rule.weight(), rule.weight() * (1 + 0.5 * (found.size() - 1)));
				double score = full;
				if (rule.head().equals(Taxonomy.CATEGORY)) {
					if (scale < 0) {
						scale = lengthScale(text);
					}
					score *= scale;
				}
				hits.add(new Hit(rule.id(), rule.head(), rule.label(), score, full, found));
			}
		}
		return hits;
	}

	/**
	 * How much of its score a fired category rule adds to a text: 1 up to {@value #FULL_WEIGHT_LENGTH}
	 * characters, then {@code (FULL_WEIGHT_LENGTH / length)³}, the length counting each CJK ideograph as one
	 * (also those outside the BMP, by their high surrogate) and each Latin letter (accented and full-width
	 * ones too) as a third; digits, spaces and punctuation not at all: a masked phone number or an order number
	 * says nothing about the matter.
	 */
	static double lengthScale(String text) {
		int cjk = 0;
		int latin = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3400' && c <= '\u4dbf') || (c >= '\uf900' && c <= '\ufaff')
					|| (c >= '\ud840' && c <= '\ud87f')) {
				cjk++;
			}
			else if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '\u00c0' && c <= '\u024f' && c != '\u00d7' && c != '\u00f7')
					|| (c >= '\uff21' && c <= '\uff3a') || (c >= '\uff41' && c <= '\uff5a')) {
				latin++;
			}
		}
		double length = cjk + latin / 3.0;
		if (length <= FULL_WEIGHT_LENGTH) {
			return 1;
		}
		double ratio = FULL_WEIGHT_LENGTH / length;
		return ratio * ratio * ratio;
	}

	/**
	 * Whether a keyword found at {@code at} stands as a word where it begins or ends with a Latin letter or
	 * digit: not inside another word ("app" not in "happy", "apply" or "appreciate", "rma" not in
	 * "formally", "315" not in an order number), though it may carry an ending ({@link #ENDINGS}, also after
	 * a doubled last letter: "scam" matches "scammed"). Letters next to digits are separate words ("gb left"
	 * in "2gb left"). Chinese keywords match anywhere. Nothing is allocated.
	 */
	static boolean wordAt(String text, int at, String keyword) {
		if (at > 0 && sameWord(text.charAt(at - 1), keyword.charAt(0))) {
			return false;
		}
		int end = at + keyword.length();
		char last = keyword.charAt(keyword.length() - 1);
		if (end == text.length() || !sameWord(last, text.charAt(end))) {
			return true;
		}
		int wordEnd = end;
		while (wordEnd < text.length() && wordEnd - end <= 4 && sameWord(last, text.charAt(wordEnd))) {
			wordEnd++;
		}
		if (wordEnd < text.length() && sameWord(last, text.charAt(wordEnd))) {
			return false;
		}
		return isEnding(text, end, wordEnd)
				|| (wordEnd - end > 2 && text.charAt(end) == last && isEnding(text, end + 1, wordEnd));
	}

	private static boolean isEnding(String text, int from, int to) {
		for (String ending : ENDINGS) {
			if (ending.length() == to - from && text.regionMatches(from, ending, 0, ending.length())) {
				return true;
			}
		}
		return false;
	}

	/** Two characters of one word: both Latin letters, or both digits. */
	private static boolean sameWord(char a, char b) {
		boolean letters = a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z';
		return letters || (a >= '0' && a <= '9' && b >= '0' && b <= '9');
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

	/**
	 * The first bytes of a hash of how rules score (so that a change of scoring is a new rules version, as the
	 * decisions change) and of the file's content.
	 */
	private static String hash(byte[] content) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(SCORING.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest(content), 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
