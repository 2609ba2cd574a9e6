package io.feedbackloop.notification.templates;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import io.feedbackloop.notification.NotificationProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateStartupTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(TemplateConfiguration.class)
		.withBean(TemplateDefinition.class,
				() -> TemplateDefinition.message("acknowledgement", Set.of("name", "reference", "dueTime", "replyHours")));

	@Test
	void serviceDoesNotStartWithATemplateNamingAnUnknownVariable() {
		this.context.withBean(NotificationProperties.class, () -> properties("classpath:templates-unknown-variable/"))
			.run((started) -> {
				assertThat(started).hasFailed();
				assertThat(started.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidTemplateException.class)
					.hasMessageContaining("acknowledgement.en.txt names unknown variable {customerName}");
			});
	}

	@Test
	void serviceStartsWithTheShippedTemplates() {
		this.context.withBean(NotificationProperties.class, () -> properties("classpath:templates/"))
			.run((started) -> assertThat(started).hasNotFailed().hasSingleBean(TemplateCatalog.class));
	}

	private static NotificationProperties properties(String templates) {
		return new NotificationProperties("Customer Care <care@feedbackloop.local>", ZoneId.of("Asia/Shanghai"),
				List.of("en"), "en", templates);
	}

}
