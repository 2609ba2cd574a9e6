package io.feedbackloop.notification.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Loads the template files from a location ({@code classpath:templates/}) and checks them: every
 * declared variant of every template must exist in every language and name only its declared
 * variables.
 */
public final class TemplateLoader {

	private final ResourceLoader resources;

	private final String location;

	public TemplateLoader(ResourceLoader resources, String location) {
		this.resources = resources;
		this.location = location.endsWith("/") ? location : location + "/";
	}

	/** @throws InvalidTemplateException naming the file (and the variable) that is wrong */
	public TemplateCatalog load(Collection<TemplateDefinition> definitions, List<String> languages,
			String defaultLanguage) {
		Map<String, Template> templates = new LinkedHashMap<>();
		for (TemplateDefinition definition : definitions) {
			for (String language : languages) {
				for (Variant variant : Variant.values()) {
					if (!definition.variants().contains(variant)) {
						continue;
					}
					String file = variant.fileName(definition.name(), language);
					templates.put(file, Template.parse(file, variant, read(file), definition.variables()));
				}
			}
		}
		return new TemplateCatalog(templates, languages, defaultLanguage);
	}

	private String read(String file) {
		Resource resource = this.resources.getResource(this.location + file);
		if (!resource.exists()) {
			throw new InvalidTemplateException("Template " + file + " is missing from " + this.location);
		}
		try (InputStream in = resource.getInputStream()) {
			// Files end with a newline; an SMS must not.
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Template " + file + " is not readable", ex);
		}
	}

}
