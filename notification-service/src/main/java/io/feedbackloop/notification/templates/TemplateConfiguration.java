package io.feedbackloop.notification.templates;

import java.util.List;

import io.feedbackloop.notification.NotificationProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

@Configuration(proxyBeanMethods = false)
class TemplateConfiguration {

	/** Loaded eagerly with the context: a broken template stops the start-up with its file name. */
	@Bean
	TemplateCatalog templateCatalog(ResourceLoader resources, NotificationProperties properties,
			List<TemplateDefinition> definitions) {
		return new TemplateLoader(resources, properties.templates()).load(definitions, properties.languages(),
				properties.defaultLanguage());
	}

}
