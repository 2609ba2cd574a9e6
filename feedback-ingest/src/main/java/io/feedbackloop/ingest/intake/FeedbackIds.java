package io.feedbackloop.ingest.intake;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * New feedback ids: {@code fb-} and a random (version 4) UUID from a cryptographically strong generator,
 * as {@link UUID#randomUUID()} makes them, but from one generator per request thread. The JDK's shared
 * generator behind {@code randomUUID} ({@code NativePRNG} on Linux) reads under one lock for the whole
 * JVM: under load request threads queued on it, up to 230 ms each (JFR of {@code bench/ingest/run},
 * 2026-11-24), the largest lock wait in the service. A DRBG instance is seeded once from the system's
 * entropy source and keeps its own state, so that threads never wait for each other. Made for Tomcat's
 * pooled request threads (a few hundred generators at most); with virtual threads, one per request, each
 * would be seeded anew: use a small fixed set of generators then.
 */
final class FeedbackIds {

	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(FeedbackIds::drbg);

	private FeedbackIds() {
	}

	static String next() {
		byte[] bytes = new byte[16];
		RANDOM.get().nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // the IETF variant
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		return "fb-" + new UUID(buffer.getLong(), buffer.getLong());
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no DRBG SecureRandom in this JDK", ex);
		}
	}

}
