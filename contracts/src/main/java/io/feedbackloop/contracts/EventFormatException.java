package io.feedbackloop.contracts;

/**
 * An event that cannot be read: missing envelope header, unknown type, JSON that does not match its
 * type. Never worth retrying; the consumer sends it to its dead-letter topic with this message.
 */
public class EventFormatException extends RuntimeException {

	public EventFormatException(String message) {
		super(message);
	}

	public EventFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
