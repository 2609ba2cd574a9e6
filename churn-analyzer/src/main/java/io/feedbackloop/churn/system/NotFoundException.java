package io.feedbackloop.churn.system;

/** The thing a request names does not exist; answered with a {@code not-found} problem. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
