package io.feedbackloop.notification.customer;

import io.feedbackloop.notification.survey.SurveyLinks;
import io.feedbackloop.notification.templates.TemplateDefinition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomerNoticeConfiguration {

	/** The templates are declared so that the catalog checks their files at start-up. */
	@Bean
	TemplateDefinition progressTemplate() {
		return CustomerNotices.PROGRESS_TEMPLATE;
	}

	@Bean
	TemplateDefinition callbackTemplate() {
		return CustomerNotices.CALLBACK_TEMPLATE;
	}

	@Bean
	TemplateDefinition closingTemplate() {
		return CustomerNotices.CLOSING_TEMPLATE;
	}

	@Bean
	TemplateDefinition invalidTemplate() {
		return CustomerNotices.INVALID_TEMPLATE;
	}

	@Bean
	TemplateDefinition repeatContactTemplate() {
		return CustomerNotices.REPEAT_CONTACT_TEMPLATE;
	}

	@Bean
	CustomerNotices customerNotices(CustomerMessages messages, SurveyLinks surveys,
			CustomerNoticeProperties properties) {
		return new CustomerNotices(messages, surveys, properties);
	}

}
