package io.feedbackloop.notification.channel;

/**
 * The provider could not take the message now (unreachable, 5xx, SMTP connection failure); the same
 * message may well go through later, so the event is retried. The message never contains the
 * recipient's address: it ends up in logs and dead-letter headers.
 */
public class TemporaryDeliveryException extends RuntimeException {

	public TemporaryDeliveryException(String message) {
		super(message);
	}

	public TemporaryDeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
