package io.feedbackloop.notification.acknowledgement;

import io.feedbackloop.notification.customer.CustomerMessages;
import io.feedbackloop.notification.templates.TemplateDefinition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AcknowledgementConfiguration {

	/** Declares the template and its variables, so that the catalog checks its files at start-up. */
	@Bean
	TemplateDefinition acknowledgementTemplate() {
		return Acknowledgements.DEFINITION;
	}

	@Bean
	Acknowledgements acknowledgements(CustomerMessages messages) {
		return new Acknowledgements(messages);
	}

}
