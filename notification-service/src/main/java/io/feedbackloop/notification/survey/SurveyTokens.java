package io.feedbackloop.notification.survey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.feedbackloop.notification.HmacSha256;

/**
 * The token in a survey link: the survey id (a UUID, 22 base64url characters) and a truncated
 * HMAC-SHA256 of it under the survey secret (16 characters). Only this service can make a valid
 * token, so a customer cannot answer another customer's survey by changing the link; short enough
 * for an SMS.
 */
final class SurveyTokens {

	private static final int SIGNATURE_BYTES = 12;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final String secret;

	SurveyTokens(String secret) {
		this.secret = secret;
	}

	String token(String surveyId) {
		UUID id = UUID.fromString(surveyId);
		byte[] bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.array();
		return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(signature(surveyId));
	}

	/** The survey id of a genuine token; empty for anything else. */
	Optional<String> surveyId(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 2) {
			return Optional.empty();
		}
		try {
			byte[] bytes = DECODER.decode(parts[0]);
			if (bytes.length != 16) {
				return Optional.empty();
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			String id = new UUID(buffer.getLong(), buffer.getLong()).toString();
			return MessageDigest.isEqual(DECODER.decode(parts[1]), signature(id)) ? Optional.of(id) : Optional.empty();
		}
		catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}

	private byte[] signature(String surveyId) {
		return Arrays.copyOf(HmacSha256.of(this.secret, surveyId.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
	}

}
