package io.feedbackloop.platform;

/** The brokers did not acknowledge an event in time, or refused it. Nothing may be promised to a caller. */
public class PublishFailedException extends RuntimeException {

	public PublishFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
