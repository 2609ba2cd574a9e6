package io.feedbackloop.router.classification;

import io.feedbackloop.contracts.FeedbackKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordClassifierTests {

	private final KeywordClassifier classifier = new KeywordClassifier();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			我要投诉，手机信号太差，一直掉线                       | zh | COMPLAINT  | network
			这个月话费乱扣了50元，请给我退款                       | zh | COMPLAINT  | billing
			感谢营业厅的工作人员，服务非常耐心                      | zh | PRAISE     | staff
			建议你们增加夜间的宽带维修服务                          | zh | SUGGESTION | broadband
			请问国际漫游流量套餐怎么办理？                          | zh | INQUIRY    | data
			I was overcharged on my bill again, I want a refund     | en | COMPLAINT  | billing
			The courier lost my parcel, terrible delivery           | en | COMPLAINT  | delivery
			Thanks, the agent was excellent                          | en | PRAISE     | staff
			""")
	void decidesKindAndCategoryFromChineseAndEnglishCues(String text, String language, FeedbackKind kind,
			String category) {
		Classification result = this.classifier.classify(text, language);
		assertThat(result.kind()).isEqualTo(kind);
		assertThat(result.category()).isEqualTo(category);
		assertThat(result.evidence()).isNotEmpty();
		assertThat(result.confidence()).isBetween(0.0, 1.0);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			我要投诉，信号太差 | negative
			非常满意，谢谢     | positive
			""")
	void sentimentFollowsTheKind(String text, String sentiment) {
		assertThat(this.classifier.classify(text, "zh").sentiment()).isEqualTo(sentiment);
	}

}
