package io.feedbackloop.notification.staff;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.feedbackloop.notification.NotificationProperties;
import io.feedbackloop.notification.channel.webhook.WebhookSecrets;
import io.feedbackloop.notification.delivery.Deliveries;
import io.feedbackloop.notification.templates.TemplateCatalog;
import io.feedbackloop.notification.templates.TemplateDefinition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StaffConfiguration {

	/** One template per notice type, checked at start-up like every template. */
	@Bean
	TemplateDefinition staffAssignedTemplate() {
		return StaffNotices.definition(StaffNoticeType.ASSIGNED);
	}

	@Bean
	TemplateDefinition staffSlaWarningTemplate() {
		return StaffNotices.definition(StaffNoticeType.SLA_WARNING);
	}

	@Bean
	TemplateDefinition staffSlaBreachedTemplate() {
		return StaffNotices.definition(StaffNoticeType.SLA_BREACHED);
	}

	@Bean
	TemplateDefinition staffEscalatedTemplate() {
		return StaffNotices.definition(StaffNoticeType.ESCALATED);
	}

	@Bean
	StaffNotices staffNotices(StaffProperties properties, TemplateCatalog templates, Deliveries deliveries,
			NotificationProperties notification) {
		properties.departments().forEach((name, department) -> {
			if (department.language() != null && !notification.languages().contains(department.language())) {
				throw new IllegalArgumentException("feedbackloop.notification.staff.departments." + name
						+ ".language '" + department.language() + "' is not one of " + notification.languages());
			}
		});
		return new StaffNotices(properties, templates, deliveries, notification.timeZone());
	}

	/** The secret of each department's webhook, for the webhook sender. */
	@Bean
	WebhookSecrets staffWebhookSecrets(StaffProperties properties) {
		Map<String, String> byUrl = properties.departments()
			.values()
			.stream()
			.filter((department) -> department.webhook() != null)
			.map(StaffProperties.Department::webhook)
			.collect(Collectors.toMap((webhook) -> webhook.url().toString(), StaffProperties.Webhook::secret,
					(first, second) -> first));
		return (url) -> Optional.ofNullable(byUrl.get(url));
	}

}
