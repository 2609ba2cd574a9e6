package io.feedbackloop.router.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.FeedbackId;

/**
 * Case ids double as the reference number customers are given, so they are short and readable
 * ({@code C261122-7F3K9QXW2M}: the day received, then ten Crockford base-32 characters). They are
 * derived from the feedback id, so that handling the same feedback again yields the same case.
 */
public final class CaseReferences {

	private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

	private CaseReferences() {
	}

	public static CaseId forFeedback(FeedbackId feedbackId, Instant receivedAt) {
		byte[] hash = sha256(feedbackId.value());
		StringBuilder reference = new StringBuilder("C").append(DAY.format(receivedAt)).append('-');
		long bits = 0;
		for (int i = 0; i < 8; i++) {
			bits = (bits << 8) | (hash[i] & 0xFF);
		}
		for (int i = 0; i < 10; i++) {
			reference.append(ALPHABET.charAt((int) ((bits >>> (59 - 5 * i)) & 31)));
		}
		return new CaseId(reference.toString());
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
