package io.feedbackloop.ingest.intake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguagesTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			家里的5G信号太差了                                | zh
			The technician never came.                       | en
			5G信号差，APP也打不开                             | zh
			我的iPhone 15 充不进电                            | zh
			The 客服 never called me back about my bill       | en
			Refund please 退款                                | zh
			Refund my money now, the 套餐 is wrong            | en
			12345 !!! 😡                                      | zh
			""")
	void languageIsTheScriptThatCarriesMoreOfTheText(String text, String language) {
		assertThat(Languages.detect(text.strip(), "zh")).isEqualTo(language);
	}

	@ParameterizedTest
	@CsvSource({ "12345, en", "'😡😡', zh" })
	void textWithoutLettersGetsTheFallback(String text, String fallback) {
		assertThat(Languages.detect(text, fallback)).isEqualTo(fallback);
	}

}
