package io.feedbackloop.notification.channel;

/**
 * The provider refused the message for good (invalid number or address, rejected content): trying
 * again cannot help, so the delivery is recorded as failed and the event is not retried.
 */
public class PermanentDeliveryException extends RuntimeException {

	private final String kind;

	/**
	 * @param kind a short, stable name for the cause, used as a metric tag ({@code rejected},
	 * {@code invalid-address})
	 * @param reason what happened, for the delivery log; never the recipient's address
	 */
	public PermanentDeliveryException(String kind, String reason) {
		super(reason);
		this.kind = kind;
	}

	public String kind() {
		return this.kind;
	}

	public String reason() {
		return getMessage();
	}

}
