package io.feedbackloop.notification.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import io.feedbackloop.notification.HmacSha256;
import org.jspecify.annotations.Nullable;

/**
 * The signature of a webhook call, in the header {@code X-Feedbackloop-Signature: t=<unix
 * seconds>,v1=<hex>} where {@code v1} is HMAC-SHA256, keyed with the shared secret, over
 * {@code "<t>." + body} (the body's exact bytes). A receiver recomputes it, compares in constant time,
 * and refuses a timestamp older than a few minutes so that a captured call cannot be replayed later.
 */
public final class WebhookSignature {

	public static final String HEADER = "X-Feedbackloop-Signature";

	private WebhookSignature() {
	}

	/** The header value for a body sent at a time. */
	public static String sign(String secret, Instant time, byte[] body) {
		long timestamp = time.getEpochSecond();
		return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
	}

	/**
	 * Whether a call is authentic and fresh: the header is well-formed, its timestamp within the
	 * tolerance of now, and its signature that of the body under the secret.
	 */
	public static boolean verify(String secret, @Nullable String header, byte[] body, Instant now,
			Duration tolerance) {
		if (header == null) {
			return false;
		}
		Long timestamp = null;
		byte[] signature = null;
		for (String part : header.split(",")) {
			String[] pair = part.trim().split("=", 2);
			if (pair.length != 2) {
				return false;
			}
			try {
				if ("t".equals(pair[0])) {
					timestamp = Long.parseLong(pair[1]);
				}
				else if ("v1".equals(pair[0])) {
					signature = HexFormat.of().parseHex(pair[1]);
				}
			}
			catch (IllegalArgumentException malformed) {
				return false;
			}
		}
		if (timestamp == null || signature == null) {
			return false;
		}
		if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
			return false;
		}
		return MessageDigest.isEqual(signature, hmac(secret, timestamp, body));
	}

	private static byte[] hmac(String secret, long timestamp, byte[] body) {
		return HmacSha256.of(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
	}

}
