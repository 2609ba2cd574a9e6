package io.feedbackloop.ingest.security;

/** No API key, or one no client is registered with: 401. */
public class UnauthenticatedException extends RuntimeException {

	UnauthenticatedException(String message) {
		super(message);
	}

}
