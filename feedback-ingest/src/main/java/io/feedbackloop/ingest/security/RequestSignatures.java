package io.feedbackloop.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * HMAC-signed requests, scheme {@code v1}: the client sends {@code X-Client-Id}, {@code X-Timestamp}
 * (Unix seconds) and {@code X-Signature: v1=<hex>}, the HMAC-SHA-256, keyed with the client's secret,
 * of
 *
 * <pre>
 * timestamp + "\n" + METHOD + "\n" + path[?query] + "\n" + Idempotency-Key + "\n" + hex(sha256(body))
 * </pre>
 *
 * <p>({@code Idempotency-Key} the header's value, empty when there is none), so that a captured request
 * replayed with another key, which would make a second record, does not verify.
 *
 * <p>Client secrets are never configured or stored: each is derived from one master key
 * ({@link #deriveSecret}) and the client's id and generation, so that the server can recompute it to
 * verify, and a rotation is a new generation. Signatures are compared in constant time.
 */
public final class RequestSignatures {

	public static final String CLIENT_ID = "X-Client-Id";

	public static final String TIMESTAMP = "X-Timestamp";

	public static final String SIGNATURE = "X-Signature";

	/** The idempotency key header of a single submission: signed too. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String VERSION = "v1=";

	private static final String DERIVATION_LABEL = "feedbackloop-ingest/hmac/v1";

	private static final String HMAC = "HmacSHA256";

	private RequestSignatures() {
	}

	/**
	 * The secret of one client generation, as handed to the channel system: 64 hex digits,
	 * HMAC-SHA-256 keyed with the master key of {@code "feedbackloop-ingest/hmac/v1\n<client id>\n<generation>"}.
	 * An operator computes the same with
	 * {@code printf 'feedbackloop-ingest/hmac/v1\n%s\n%s' ID GEN | openssl dgst -sha256 -hmac "$MASTER" -r}.
	 */
	public static String deriveSecret(String masterKey, String clientId, int generation) {
		return hex(hmac(masterKey.getBytes(StandardCharsets.UTF_8),
				DERIVATION_LABEL + "\n" + clientId + "\n" + generation));
	}

	/**
	 * What the client signs.
	 * @param idempotencyKey the {@code Idempotency-Key} header as sent, or null when there is none
	 */
	public static String canonical(String timestamp, String method, String pathAndQuery,
			@Nullable String idempotencyKey, byte[] body) {
		return timestamp + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + pathAndQuery + "\n"
				+ ((idempotencyKey != null) ? idempotencyKey : "") + "\n" + hex(sha256(body));
	}

	/** The {@code X-Signature} header value for a request signed with {@code secret}. */
	public static String sign(String secret, String timestamp, String method, String pathAndQuery,
			@Nullable String idempotencyKey, byte[] body) {
		return VERSION + hex(hmac(secret.getBytes(StandardCharsets.UTF_8),
				canonical(timestamp, method, pathAndQuery, idempotencyKey, body)));
	}

	/**
	 * Checks the timestamp against the clock and the signature against each of the client's current
	 * secrets (two during a rotation).
	 * @throws SignatureRejectedException with kind {@code signature-expired} or {@code signature-invalid}
	 */
	static void verify(List<String> secrets, @Nullable String timestamp, @Nullable String signature, String method,
			String pathAndQuery, @Nullable String idempotencyKey, byte[] body, Instant now, Duration tolerance) {
		if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
			throw SignatureRejectedException.invalid(TIMESTAMP + " must be the time of signing in Unix seconds.");
		}
		Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
		if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
			throw SignatureRejectedException.expired("The request was signed at " + signedAt
					+ ", more than " + tolerance.toSeconds() + " s from the server's time " + now.getEpochSecond()
					+ "; sign it again with the current time.");
		}
		byte[] presented = presented(signature);
		String canonical = canonical(timestamp, method, pathAndQuery, idempotencyKey, body);
		boolean valid = false;
		for (String secret : secrets) {
			// Every secret is tried and compared in constant time: the answer's timing tells nothing.
			valid |= MessageDigest.isEqual(presented, hmac(secret.getBytes(StandardCharsets.UTF_8), canonical));
		}
		if (!valid) {
			throw SignatureRejectedException.invalid("The signature does not match the request.");
		}
	}

	private static byte[] presented(@Nullable String signature) {
		if (signature != null && signature.startsWith(VERSION) && signature.length() == VERSION.length() + 64) {
			try {
				return HexFormat.of().parseHex(signature.substring(VERSION.length()).toLowerCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				// not hex: refused below
			}
		}
		throw SignatureRejectedException.invalid(SIGNATURE + " must be v1= and 64 hex digits.");
	}

	static byte[] hmac(byte[] key, String message) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key, HMAC));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
		}
	}

	private static byte[] sha256(byte[] body) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(body);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
