package io.feedbackloop.notification.templates;

/** A template file that is missing or names a variable nobody fills in; stops the start-up. */
public class InvalidTemplateException extends RuntimeException {

	public InvalidTemplateException(String message) {
		super(message);
	}

}
