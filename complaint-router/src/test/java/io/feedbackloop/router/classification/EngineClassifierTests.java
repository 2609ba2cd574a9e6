package io.feedbackloop.router.classification;

import io.feedbackloop.classifier.ClassifierEngine;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.contracts.FeedbackKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's view of a decision: kind, category, sentiment, one confidence, evidence per head. */
class EngineClassifierTests {

	private static final ClassifierEngine ENGINE = ClassifierEngine.withDefaults(Taxonomy.load("telecom,retail"));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			我要投诉，手机信号太差，一直掉线                       | COMPLAINT  | network   | negative
			这个月话费乱扣了50元，请给我退款                       | COMPLAINT  | billing   | negative
			感谢营业厅的工作人员，服务非常耐心                      | PRAISE     | staff     | positive
			建议你们增加夜间的宽带维修服务                          | SUGGESTION | broadband | neutral
			请问国际漫游流量套餐怎么办理？                          | INQUIRY    | data      | neutral
			I was overcharged on my bill again, I want a refund     | COMPLAINT  | billing   | negative
			The courier lost my parcel, terrible delivery           | COMPLAINT  | delivery  | negative
			Thanks, the agent was excellent                          | PRAISE     | staff     | positive
			""")
	void decidesKindCategoryAndSentimentWithEvidencePerHead(String text, FeedbackKind kind, String category,
			String sentiment) {
		Classification result = EngineClassifier.of(ENGINE.classify(text));
		assertThat(result.kind()).as(text).isEqualTo(kind);
		assertThat(result.category()).as(text).isEqualTo(category);
		assertThat(result.sentiment()).as(text).isEqualTo(sentiment);
		assertThat(result.evidence()).anyMatch((e) -> e.startsWith("category: "));
		assertThat(result.confidences()).containsOnlyKeys("kind", "category", "sentiment");
		assertThat(result.confidence()).isBetween(0.0, 1.0);
		assertThat(result.version()).contains("+default-1-");
	}

}
