package io.feedbackloop.ingest.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces identifiers that must never be stored in clear (a web client's IP address, an app's device
 * id) by a keyed hash. Keyed, not a plain hash: the IPv4 space is small enough to hash completely, a
 * secret key is what keeps the hash from being reversed. The same value always gives the same
 * pseudonym, so that analysts can still count repeats.
 */
final class Pseudonyms {

	static final String PREFIX = "hmac-sha256:";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	Pseudonyms(String secret) {
		if (secret.length() < 16) {
			throw new IllegalArgumentException(
					"feedbackloop.ingest.pseudonym-key must be a secret of at least 16 characters");
		}
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	String of(String value) {
		try {
			// A Mac is not thread-safe; a new one per call costs about a microsecond.
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return PREFIX + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
