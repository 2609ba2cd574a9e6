package io.feedbackloop.notification.templates;

import java.util.Map;

/** Words the code fills into templates, kept per language ({@code zh}, {@code en}). */
public final class LocalTexts {

	private LocalTexts() {
	}

	/** The text in the language; in English for a language it is not kept in. */
	public static String inLanguage(Map<String, String> texts, String language) {
		return texts.getOrDefault(language, texts.getOrDefault("en", ""));
	}

}
