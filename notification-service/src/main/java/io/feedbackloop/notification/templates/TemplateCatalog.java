package io.feedbackloop.notification.templates;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Every template of the service in every language, loaded and checked at start-up. */
public final class TemplateCatalog {

	private final Map<String, Template> templates;

	private final List<String> languages;

	private final String defaultLanguage;

	TemplateCatalog(Map<String, Template> templates, List<String> languages, String defaultLanguage) {
		this.templates = Map.copyOf(templates);
		this.languages = List.copyOf(languages);
		this.defaultLanguage = defaultLanguage;
	}

	/**
	 * The language to write in for a requested one: {@code zh-CN} and {@code zh_Hans} are {@code zh};
	 * a language without templates gets the default language.
	 */
	public String languageFor(String requested) {
		String primary = requested.trim().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
		return this.languages.contains(primary) ? primary : this.defaultLanguage;
	}

	/**
	 * Fills in every variant of a message template in a language (see {@link #languageFor(String)}).
	 * @param values a value for each variable the template's definition declares
	 */
	public RenderedMessage render(String template, String language, Map<String, String> values) {
		String lang = languageFor(language);
		return new RenderedMessage(lang, get(template, lang, Variant.SUBJECT).render(values).strip(),
				get(template, lang, Variant.TEXT).render(values), get(template, lang, Variant.HTML).render(values));
	}

	/** Fills in one variant of a template, such as the HTML of a web page. */
	public String render(String template, String language, Variant variant, Map<String, String> values) {
		return get(template, languageFor(language), variant).render(values);
	}

	Set<String> files() {
		return this.templates.keySet();
	}

	private Template get(String template, String language, Variant variant) {
		Template found = this.templates.get(variant.fileName(template, language));
		if (found == null) {
			throw new IllegalArgumentException("No template " + variant.fileName(template, language));
		}
		return found;
	}

}
