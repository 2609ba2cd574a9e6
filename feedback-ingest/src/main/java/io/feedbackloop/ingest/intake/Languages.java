package io.feedbackloop.ingest.intake;

/** Which of the supported languages a text is in, when the channel did not say. */
final class Languages {

	static final String CHINESE = "zh";

	static final String ENGLISH = "en";

	private Languages() {
	}

	static boolean isSupported(String language) {
		return CHINESE.equals(language) || ENGLISH.equals(language);
	}

	/**
	 * Any Han ideograph makes it Chinese: customers mix Latin product names into Chinese sentences
	 * ("5G信号差"), hardly ever the reverse. Deliberately simple until a real detector replaces it.
	 */
	static String detect(String text) {
		boolean han = text.codePoints()
			.anyMatch((codePoint) -> Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN);
		return han ? CHINESE : ENGLISH;
	}

}
