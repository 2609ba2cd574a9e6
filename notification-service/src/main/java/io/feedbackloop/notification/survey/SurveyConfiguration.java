package io.feedbackloop.notification.survey;

import java.time.Clock;
import java.util.Set;

import io.feedbackloop.notification.cases.CaseDirectory;
import io.feedbackloop.notification.channel.ingest.IngestProperties;
import io.feedbackloop.notification.delivery.Deliveries;
import io.feedbackloop.notification.templates.TemplateCatalog;
import io.feedbackloop.notification.templates.TemplateDefinition;
import io.feedbackloop.platform.security.SecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SurveyConfiguration {

	/**
	 * The survey's page and thank-you page (HTML only), checked at start-up like every template. The
	 * page's form has no action: it posts to the link it was opened from, whatever proxy is in front.
	 */
	@Bean
	TemplateDefinition surveyPageTemplate() {
		return TemplateDefinition.page(SurveyController.PAGE, Set.of("reference"));
	}

	@Bean
	TemplateDefinition surveyThanksTemplate() {
		return TemplateDefinition.page(SurveyController.THANKS, Set.of("reference", "score"));
	}

	@Bean
	TemplateDefinition surveyAnswerTemplate() {
		return SurveyAnswers.DEFINITION;
	}

	/** The tokens of survey links; refuses to start with a published secret outside the local demo. */
	@Bean
	SurveyTokens surveyTokens(SurveyProperties properties, SecurityProperties security) {
		properties.requireOwnSecret(security.demoUsersEnabled());
		return new SurveyTokens(properties.secret());
	}

	@Bean
	SurveyLinks surveyLinks(Surveys surveys, SurveyTokens tokens, SurveyProperties properties) {
		return new SurveyLinks(surveys, tokens, properties);
	}

	@Bean
	SurveyAnswers surveyAnswers(Surveys surveys, CaseDirectory cases, Deliveries deliveries, TemplateCatalog templates,
			IngestProperties ingest, MeterRegistry meters, Clock clock) {
		return new SurveyAnswers(surveys, cases, deliveries, templates, ingest, meters, clock);
	}

}
