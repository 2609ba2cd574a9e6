package io.feedbackloop.notification.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	private static final String SECRET = "billing-webhook-secret-0123456789";

	private static final Instant SENT = Instant.parse("2026-11-23T02:00:00Z");

	private static final byte[] BODY = "{\"id\":\"d-1\",\"type\":\"staff-assigned\"}".getBytes(StandardCharsets.UTF_8);

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	@Test
	void signatureIsTheDocumentedHmacOfTimestampDotBody() throws Exception {
		// What a staff system implements from the README, with nothing of ours.
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = HexFormat.of()
			.formatHex(mac.doFinal(("1795399200." + new String(BODY, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8)));

		assertThat(WebhookSignature.sign(SECRET, SENT, BODY)).isEqualTo("t=1795399200,v1=" + expected);
	}

	@Test
	void genuineCallVerifiesWithinTheTolerance() {
		String header = WebhookSignature.sign(SECRET, SENT, BODY);
		assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plusSeconds(299), TOLERANCE)).isTrue();
	}

	@Test
	void tamperedBodyWrongSecretOrReplayLaterDoNotVerify() {
		String header = WebhookSignature.sign(SECRET, SENT, BODY);
		byte[] tampered = "{\"id\":\"d-1\",\"type\":\"staff-escalated\"}".getBytes(StandardCharsets.UTF_8);

		assertThat(WebhookSignature.verify(SECRET, header, tampered, SENT, TOLERANCE)).isFalse();
		assertThat(WebhookSignature.verify("another-secret-0123456789", header, BODY, SENT, TOLERANCE)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plus(Duration.ofMinutes(6)), TOLERANCE)).isFalse();
	}

	@Test
	void missingOrMalformedHeadersDoNotVerify() {
		assertThat(WebhookSignature.verify(SECRET, null, BODY, SENT, TOLERANCE)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "v1=abcd", BODY, SENT, TOLERANCE)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "t=1795399200,v1=not-hex", BODY, SENT, TOLERANCE)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, "t=soon,v1=00", BODY, SENT, TOLERANCE)).isFalse();
	}

}
