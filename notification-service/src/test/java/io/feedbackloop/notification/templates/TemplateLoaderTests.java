package io.feedbackloop.notification.templates;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TemplateLoaderTests {

	private static final TemplateDefinition ACKNOWLEDGEMENT = TemplateDefinition.message("acknowledgement",
			Set.of("name", "reference", "dueTime", "replyHours"));

	private static final Map<String, String> VALUES = Map.of("name", "王女士", "reference", "C261122-7F3K9QXW2M",
			"dueTime", "2026年11月23日 16:30", "replyHours", "24");

	@Test
	void shippedTemplatesExistInChineseAndEnglishAndRenderTheAcknowledgement() {
		TemplateCatalog catalog = load("classpath:templates/", List.of("zh", "en"));
		assertThat(catalog.files()).hasSize(6);

		RenderedMessage zh = catalog.render("acknowledgement", "zh", VALUES);
		assertThat(zh.language()).isEqualTo("zh");
		assertThat(zh.text()).isEqualTo("【客户服务】王女士您好，感谢您的反馈！您的投诉已受理，编号 C261122-7F3K9QXW2M。"
				+ "我们将在24小时内（2026年11月23日 16:30前）给您答复。");
		assertThat(zh.subject()).isEqualTo("您的投诉已受理（编号 C261122-7F3K9QXW2M）");
		assertThat(zh.html()).contains("<strong>C261122-7F3K9QXW2M</strong>").contains("王女士您好");

		RenderedMessage en = catalog.render("acknowledgement", "en",
				Map.of("name", "Ann", "reference", "C1", "dueTime", "23 Nov 2026, 16:30 (Asia/Shanghai)", "replyHours",
						"48"));
		assertThat(en.text()).isEqualTo("Dear Ann, thank you for your feedback. Your complaint has been registered "
				+ "under reference C1. We will reply within 48 hours, by 23 Nov 2026, 16:30 (Asia/Shanghai).");
	}

	@Test
	void templateNamingAnUnknownVariableFailsNamingTheFileAndTheVariable() {
		assertThatExceptionOfType(InvalidTemplateException.class)
			.isThrownBy(() -> load("classpath:templates-unknown-variable/", List.of("en")))
			.withMessageContaining("acknowledgement.en.txt")
			.withMessageContaining("{customerName}")
			.withMessageContaining("[dueTime, name, reference, replyHours]");
	}

	@Test
	void braceThatIsNotAVariableFailsNamingTheFile() {
		assertThatExceptionOfType(InvalidTemplateException.class)
			.isThrownBy(() -> load("classpath:templates-stray-brace/", List.of("en")))
			.withMessageContaining("acknowledgement.en.txt");
	}

	@Test
	void missingLanguageFailsNamingTheFile() {
		assertThatExceptionOfType(InvalidTemplateException.class)
			.isThrownBy(() -> load("classpath:templates/", List.of("zh", "en", "fr")))
			.withMessageContaining("acknowledgement.fr.txt is missing");
	}

	@Test
	void customerValuesAreHtmlEscapedInTheHtmlVariantOnly() {
		TemplateCatalog catalog = load("classpath:templates/", List.of("zh", "en"));
		Map<String, String> values = Map.of("name", "<script>alert('x')</script> & Co", "reference", "C1", "dueTime",
				"soon", "replyHours", "24");

		RenderedMessage message = catalog.render("acknowledgement", "en", values);

		assertThat(message.html()).contains("Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co,")
			.doesNotContain("<script>");
		// The SMS and the e-mail's text part are plain text: escaping would show "&lt;" to the customer.
		assertThat(message.text()).startsWith("Dear <script>alert('x')</script> & Co,");
	}

	@Test
	void lineBreaksInAValueCannotSplitTheSubject() {
		Template subject = Template.parse("x.en.subject.txt", Variant.SUBJECT, "Case {reference}", Set.of("reference"));
		assertThat(subject.render(Map.of("reference", "C1\r\nBcc: someone@example.com"))).isEqualTo(
				"Case C1 Bcc: someone@example.com");
	}

	@Test
	void pageAndTextTemplatesNeedOnlyTheirOwnFiles() {
		TemplateCatalog catalog = new TemplateLoader(new DefaultResourceLoader(), "classpath:templates/").load(
				List.of(TemplateDefinition.page("survey-thanks", Set.of("reference", "score")),
						TemplateDefinition.text("survey-answer", Set.of("score", "scale", "reference"))),
				List.of("zh", "en"), "zh");

		assertThat(catalog.files()).containsExactlyInAnyOrder("survey-thanks.zh.html", "survey-thanks.en.html",
				"survey-answer.zh.txt", "survey-answer.en.txt");
		assertThat(catalog.render("survey-answer", "en", Variant.TEXT,
				Map.of("score", "4", "scale", "5", "reference", "C1")))
			.isEqualTo("Satisfaction survey score: 4 out of 5 for the handling of reference C1");
		assertThat(catalog.render("survey-thanks", "zh", Variant.HTML, Map.of("reference", "<C1>", "score", "4")))
			.contains("投诉 <strong>&lt;C1&gt;</strong>");
	}

	@Test
	void languagesAreMatchedByTheirPrimaryTagAndUnknownOnesGetTheDefault() {
		TemplateCatalog catalog = load("classpath:templates/", List.of("zh", "en"));
		assertThat(catalog.languageFor("zh-CN")).isEqualTo("zh");
		assertThat(catalog.languageFor("EN_gb")).isEqualTo("en");
		assertThat(catalog.languageFor("fr")).isEqualTo("zh");
	}

	private static TemplateCatalog load(String location, List<String> languages) {
		return new TemplateLoader(new DefaultResourceLoader(), location).load(List.of(ACKNOWLEDGEMENT), languages,
				languages.get(0));
	}

}
