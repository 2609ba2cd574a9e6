package io.feedbackloop.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one signature of this service (webhook calls, survey links). */
public final class HmacSha256 {

	private static final String ALGORITHM = "HmacSHA256";

	private HmacSha256() {
	}

	/** The MAC of the parts, one after the other, under a UTF-8 secret. */
	public static byte[] of(String secret, byte[]... parts) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			for (byte[] part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
