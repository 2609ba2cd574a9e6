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
	 * Compares how much of the text is Chinese with how much is English: every Han ideograph counts
	 * as a word (a Chinese word is one or two characters), every run of Latin letters as one. So
	 * "5G信号差，APP也打不开" is Chinese (4 against 2) and "The 客服 never called back" English (2
	 * against 4); customers mix product names and English words into Chinese sentences and the
	 * reverse. A text with neither (digits, emoji) gets {@code fallback}.
	 */
	static String detect(String text, String fallback) {
		int han = 0;
		int latinWords = 0;
		boolean inLatinWord = false;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
			boolean latin = script == Character.UnicodeScript.LATIN && Character.isLetter(codePoint);
			if (script == Character.UnicodeScript.HAN) {
				han++;
			}
			if (latin && !inLatinWord) {
				latinWords++;
			}
			inLatinWord = latin;
			i += Character.charCount(codePoint);
		}
		if (han == 0 && latinWords == 0) {
			return fallback;
		}
		return (han >= latinWords) ? CHINESE : ENGLISH;
	}

}
