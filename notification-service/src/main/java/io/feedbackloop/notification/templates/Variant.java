package io.feedbackloop.notification.templates;

/** The files of one template in one language. */
public enum Variant {

	/** The plain text: the whole SMS and the text part of an e-mail. */
	TEXT(".txt"),

	/** The e-mail subject, one line. */
	SUBJECT(".subject.txt"),

	/** The HTML part of an e-mail, or a web page; variable values are HTML-escaped. */
	HTML(".html");

	private final String suffix;

	Variant(String suffix) {
		this.suffix = suffix;
	}

	String fileName(String template, String language) {
		return template + "." + language + this.suffix;
	}

}
