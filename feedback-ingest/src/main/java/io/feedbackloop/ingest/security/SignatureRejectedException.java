package io.feedbackloop.ingest.security;

/**
 * A signed request that did not verify: 401 with kind {@code signature-invalid} (unknown client, bad
 * or malformed signature) or {@code signature-expired} (timestamp outside the tolerance window).
 */
public class SignatureRejectedException extends RuntimeException {

	private final boolean expired;

	private SignatureRejectedException(String message, boolean expired) {
		super(message);
		this.expired = expired;
	}

	static SignatureRejectedException invalid(String message) {
		return new SignatureRejectedException(message, false);
	}

	static SignatureRejectedException expired(String message) {
		return new SignatureRejectedException(message, true);
	}

	/** The timestamp was outside the window; signing again with the current time helps. */
	public boolean expired() {
		return this.expired;
	}

}
