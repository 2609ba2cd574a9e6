package io.feedbackloop.notification.acknowledgement;

import java.util.function.Consumer;

import io.feedbackloop.notification.NotificationProperties;
import io.feedbackloop.notification.delivery.Deliveries;
import io.feedbackloop.notification.templates.TemplateCatalog;
import io.feedbackloop.notification.templates.TemplateDefinition;
import io.feedbackloop.platform.IdempotentConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AcknowledgementConfiguration {

	/** Declares the template and its variables, so that the catalog checks its files at start-up. */
	@Bean
	TemplateDefinition acknowledgementTemplate() {
		return Acknowledgements.DEFINITION;
	}

	@Bean
	Acknowledgements acknowledgements(TemplateCatalog templates, NotificationProperties properties,
			Deliveries deliveries) {
		return new Acknowledgements(templates, new AcknowledgementVariables(properties.timeZone()), deliveries);
	}

	@Bean
	CaseEvents caseEventsHandler(IdempotentConsumer idempotent, Acknowledgements acknowledgements) {
		return new CaseEvents(idempotent, acknowledgements);
	}

	/** Bound to {@code complaint.cases} as {@code caseEvents-in-0}. */
	@Bean
	Consumer<Message<byte[]>> caseEvents(CaseEvents handler) {
		return handler::accept;
	}

}
