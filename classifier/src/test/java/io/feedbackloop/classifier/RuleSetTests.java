package io.feedbackloop.classifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class RuleSetTests {

	private static final Taxonomy TELECOM = Taxonomy.load("telecom");

	@TempDir
	Path dir;

	@Test
	void rulesNamingAnUnknownCategoryAreRejectedNamingIt() {
		String rules = """
				{ "rules": [ { "id": "r1", "head": "category", "label": "teleportation", "keywords": ["beam me up"] } ] }
				""";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RuleSet.parse(rules.getBytes(StandardCharsets.UTF_8), TELECOM, "test.json"))
			.withMessageContaining("unknown category 'teleportation'")
			.withMessageContaining("rule 'r1'");
	}

	@Test
	void aRetailCategoryIsUnknownToTheTelecomTaxonomy() {
		String rules = """
				{ "rules": [ { "id": "q", "head": "category", "label": "quality", "keywords": ["质量"] } ] }
				""";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RuleSet.parse(rules.getBytes(StandardCharsets.UTF_8), TELECOM, "test.json"))
			.withMessageContaining("unknown category 'quality'");
	}

	@Test
	void badPatternsAndWeightsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RuleSet.parse("""
				{ "rules": [ { "id": "p", "head": "kind", "label": "complaint", "patterns": ["(unclosed"] } ] }
				""".getBytes(StandardCharsets.UTF_8), TELECOM, "t")).withMessageContaining("bad pattern '(unclosed'");
		assertThatIllegalArgumentException().isThrownBy(() -> RuleSet.parse("""
				{ "rules": [ { "id": "w", "head": "kind", "label": "complaint", "weight": -1, "keywords": ["x"] } ] }
				""".getBytes(StandardCharsets.UTF_8), TELECOM, "t")).withMessageContaining("weight");
	}

	/**
	 * A misspelt property would otherwise change what a rule does without a word ({@code "exlude"}: nothing is
	 * excluded; {@code "wieght"}: weight 1) or leave no rules at all ({@code "rule"}).
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{ "rules": [ { "id": "a", "head": "kind", "label": "praise", "keywords": ["满意"], "exlude": ["不满意"] } ] } | rules[0].exlude
			{ "rules": [ { "id": "a", "head": "kind", "label": "praise", "keywords": ["x"] }, { "id": "b", "head": "kind", "label": "complaint", "keywords": ["y"], "wieght": 4 } ] } | rules[1].wieght
			{ "version": "v1", "rule": [ { "id": "a", "head": "kind", "label": "praise", "keywords": ["x"] } ] } | rule
			""")
	void unknownPropertiesAreRejectedNamingThemAndWhereTheyAre(String rules, String property) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RuleSet.parse(rules.getBytes(StandardCharsets.UTF_8), TELECOM, "ops.json"))
			.withMessageStartingWith("Rules ops.json: unknown property " + property + " (known: ");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{ "version": "v1", "rules": [] }
			{ "version": "v1" }
			{ }
			""")
	void aFileWithoutRulesIsRejected(String rules) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RuleSet.parse(rules.getBytes(StandardCharsets.UTF_8), TELECOM, "ops.json"))
			.withMessage("Rules ops.json have no rules: \"rules\" must list at least one");
	}

	@Test
	void patternsFireWhateverTheirShapeAndAreSkippedOnlyWhenTheyCannotMatch() {
		RuleSet rules = RuleSet.parse("""
				{ "rules": [
				  { "id": "group", "head": "kind", "label": "complaint", "patterns": ["(要|去)(投诉|告)", "(\\\\d+|two) days"] },
				  { "id": "top-alternation", "head": "kind", "label": "inquiry", "patterns": ["foo|bar"] },
				  { "id": "optional-start", "head": "kind", "label": "suggestion", "patterns": ["(please )?add [a-z]+", "x?yz"] },
				  { "id": "upper", "head": "kind", "label": "praise", "patterns": ["Thank You"] },
				  { "id": "escaped", "head": "sentiment", "label": "neutral", "patterns": ["(\\\\?|？)\\\\s*$", "\\\\.{3}$"] } ] }
				""".getBytes(StandardCharsets.UTF_8), TELECOM, "t");
		assertThat(rules.match("我要投诉")).extracting(RuleSet.Hit::rule).containsExactly("group");
		// the first possible start does not match, a later one does
		assertThat(rules.match("你要不要去投诉")).extracting(RuleSet.Hit::rule).containsExactly("group");
		assertThat(rules.match("waited 12 days")).extracting(RuleSet.Hit::rule).containsExactly("group");
		assertThat(rules.match("two days")).extracting(RuleSet.Hit::rule).containsExactly("group");
		assertThat(rules.match("a bar")).extracting(RuleSet.Hit::rule).containsExactly("top-alternation");
		assertThat(rules.match("add dark mode")).extracting(RuleSet.Hit::rule).containsExactly("optional-start");
		assertThat(rules.match("yz")).extracting(RuleSet.Hit::rule).containsExactly("optional-start");
		assertThat(rules.match("THANK you")).extracting(RuleSet.Hit::rule).containsExactly("upper");
		assertThat(rules.match("is it? really?  ")).extracting(RuleSet.Hit::rule).containsExactly("escaped");
		assertThat(rules.match("is it? really")).isEmpty();
		assertThat(rules.match("真的吗？")).extracting(RuleSet.Hit::rule).containsExactly("escaped");
		assertThat(rules.match("well...")).extracting(RuleSet.Hit::rule).containsExactly("escaped");
		assertThat(rules.match("nothing here 投诉")).isEmpty();
	}

	@Test
	void excludedTermsDoNotFire() {
		RuleSet rules = RuleSet.parse("""
				{ "rules": [ { "id": "happy", "head": "sentiment", "label": "positive", "keywords": ["满意"],
				               "exclude": ["不满意"] } ] }
				""".getBytes(StandardCharsets.UTF_8), TELECOM, "t");
		assertThat(rules.match("非常满意")).hasSize(1);
		assertThat(rules.match("很不满意")).isEmpty();
	}

	@Test
	void aCategoryRuleAddsItsWholeScoreToAShortTextAndLessToALongOne() {
		RuleSet rules = RuleSet.parse("""
				{ "rules": [ { "id": "bill", "head": "category", "label": "billing", "weight": 2.0,
				               "keywords": ["话费", "bill"] },
				             { "id": "angry", "head": "kind", "label": "complaint", "weight": 2.0, "keywords": ["太差"] } ] }
				""".getBytes(StandardCharsets.UTF_8), TELECOM, "t");
		assertThat(rules.match("这个月话费怎么多了50元")).singleElement()
			.satisfies((hit) -> assertThat(hit.score()).isEqualTo(2.0));
		// 120 Chinese characters: (60 / 120)³ of the category rule's score; the kind rule's in full
		String letter = "话费" + "我家楼下的信号一直太差打电话经常断线".repeat(6) + "一二三四五六七八九十";
		assertThat(letter.codePoints().filter(Character::isIdeographic).count()).isEqualTo(120);
		assertThat(rules.match(letter)).extracting(RuleSet.Hit::rule, RuleSet.Hit::score, RuleSet.Hit::describe)
			.containsExactly(tuple("bill", 2.0 / 8, "rule bill → billing (+0.25 of 2.0, long text): 话费"),
					tuple("angry", 2.0, "rule angry → complaint (+2.0): 太差"));
	}

	@Test
	void theLengthCountsIdeographsOnceAndLatinLettersAsAThird() {
		assertThat(RuleSet.lengthScale("我".repeat(60))).isEqualTo(1.0);
		assertThat(RuleSet.lengthScale("我".repeat(61))).isCloseTo(Math.pow(60 / 61.0, 3), within(1e-12));
		// digits, spaces and punctuation do not count
		assertThat(RuleSet.lengthScale("我".repeat(60) + " 138****1234，2024031500987。")).isEqualTo(1.0);
		// 9 letters, accented and upper-case ones too, 21 times: 189 / 3 = 63
		assertThat(RuleSet.lengthScale("ABCdéfghI ".repeat(21))).isCloseTo(Math.pow(60 / 63.0, 3), within(1e-12));
		// full-width letters count, × and ÷ do not: 240 / 3 = 80
		assertThat(RuleSet.lengthScale("ＡＢＣ×÷ ".repeat(80))).isCloseTo(Math.pow(60 / 80.0, 3), within(1e-12));
		// an ideograph outside the BMP is one
		assertThat(RuleSet.lengthScale("𠀀".repeat(100))).isCloseTo(0.216, within(1e-12));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			The app keeps crashing                  | app
			both apps crash                         | app
			so happy with you                       |
			I appreciate the quick reply            |
			please apply the discount               |
			got refunded at last                    | refund
			then scammed again                      | scam
			an order number 20240315887             |
			打到12315投诉                              |
			上了315晚会                                | 315
			only 2gb left                           | gb left
			I can’t log in                          | can't log in
			我的app打不开，上个月账单也不对                 | app, 账单
			""")
	void latinKeywordsMatchWholeWordsWithTheirEndingsAndChineseKeywordsMatchAnywhere(String text, String matched) {
		RuleSet rules = RuleSet.parse("""
				{ "rules": [ { "id": "words", "head": "category", "label": "technical",
				               "keywords": ["app", "refund", "scam", "315", "gb left", "can't log in", "账单"] } ] }
				""".getBytes(StandardCharsets.UTF_8), TELECOM, "t");
		List<RuleSet.Hit> hits = rules.match(text);
		if (matched == null) {
			assertThat(hits).as(text).isEmpty();
		}
		else {
			assertThat(hits).as(text).singleElement()
				.satisfies((hit) -> assertThat(String.join(", ", hit.matched())).isEqualTo(matched));
		}
	}

	@Test
	void theRulesFileIsReloadedWhenItChangesAndABrokenEditKeepsTheRulesInForce() throws Exception {
		Path file = this.dir.resolve("rules.json");
		Files.writeString(file, """
				{ "version": "v1", "rules": [ { "id": "wifi", "head": "category", "label": "broadband", "weight": 5,
				  "keywords": ["wifi"] } ] }
				""");
		RulesSource source = RulesSource.file(file, TELECOM);
		ClassifierEngine engine = new ClassifierEngine(TELECOM, source, () -> SeedExamples.train(TELECOM, Instant.EPOCH));
		assertThat(engine.classify("my wifi is slow").head(Taxonomy.CATEGORY).label()).isEqualTo("broadband");
		String v1 = source.get().version();
		assertThat(v1).startsWith("v1-");
		assertThat(source.refresh()).isFalse();

		Files.writeString(file, """
				{ "version": "v2", "rules": [ { "id": "wifi", "head": "category", "label": "device", "weight": 8,
				  "keywords": ["wifi"] } ] }
				""");
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
		assertThat(source.refresh()).isTrue();
		assertThat(source.get().version()).startsWith("v2-");
		Decision decision = engine.classify("my wifi is slow");
		assertThat(decision.head(Taxonomy.CATEGORY).label()).isEqualTo("device");
		assertThat(decision.rulesVersion()).isEqualTo(source.get().version());

		Files.writeString(file, "{ \"rules\": [ { \"id\": \"x\", \"head\": \"category\", \"label\": \"nope\", \"keywords\": [\"a\"] } ] }");
		assertThatIllegalArgumentException().isThrownBy(source::refresh).withMessageContaining("unknown category 'nope'");
		assertThat(source.get().version()).startsWith("v2-");

		Files.writeString(file, """
				{ "version": "v3", "rules": [ { "id": "wifi", "head": "category", "label": "broadband", "weight": 8,
				  "keywords": ["wifi"], "exlude": ["wifi calling"] } ] }
				""");
		assertThatIllegalArgumentException().isThrownBy(source::refresh)
			.withMessageContaining("unknown property rules[0].exlude");
		Files.writeString(file, "{ \"version\": \"v4\", \"rules\": [] }");
		assertThatIllegalArgumentException().isThrownBy(source::refresh).withMessageContaining("have no rules");
		assertThat(source.get().version()).startsWith("v2-");
	}

	@Test
	void bundledRulesKeepOnlyTheTaxonomysCategories() {
		assertThat(RuleSet.bundled(TELECOM).size()).isLessThan(RuleSet.bundled(Taxonomy.load("telecom,retail")).size());
		assertThatIllegalArgumentException().isThrownBy(() -> Taxonomy.load("banking"))
			.withMessageContaining("Unknown taxonomy 'banking'");
	}

}
