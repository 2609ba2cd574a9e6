package io.feedbackloop.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventEnvelopeTests {

	private final EventEnvelope envelope = new EventEnvelope("3f0d6c1e-9b8a-3c55-a1d2-6e7f8a9b0c1d", "/feedback-ingest",
			EventTypes.FEEDBACK_RECEIVED.name(), Instant.parse("2026-03-01T08:15:30.250Z"),
			"fb-6f1c2a4e-3b7d-4c8e-9a10-2b3c4d5e6f70");

	@Test
	void headersReadBackToTheSameEnvelope() {
		Map<String, byte[]> headers = this.envelope.toHeaders();

		assertThat(EventEnvelope.fromHeaders(headers::get)).isEqualTo(this.envelope);
	}

	@Test
	void headersFollowTheCloudEventsKafkaBinding() {
		Map<String, byte[]> headers = this.envelope.toHeaders();

		assertThat(text(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
		assertThat(text(headers, CloudEventHeaders.ID)).isEqualTo(this.envelope.id());
		assertThat(text(headers, CloudEventHeaders.SOURCE)).isEqualTo("/feedback-ingest");
		assertThat(text(headers, CloudEventHeaders.TYPE)).isEqualTo("feedback.received.v1");
		assertThat(text(headers, CloudEventHeaders.TIME)).isEqualTo("2026-03-01T08:15:30.250Z");
		assertThat(text(headers, CloudEventHeaders.SUBJECT)).isEqualTo(this.envelope.subject());
		assertThat(text(headers, CloudEventHeaders.DATA_SCHEMA))
			.isEqualTo("https://schemas.feedbackloop.io/events/feedback.received.v1.json");
		assertThat(text(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
	}

	@Test
	void nonAsciiHeaderValuesSurviveAsUtf8() {
		EventEnvelope chinese = new EventEnvelope("id-1", "/feedback-ingest", EventTypes.FEEDBACK_RECEIVED.name(),
				Instant.parse("2026-03-01T08:15:30Z"), "客户-王芳");

		assertThat(EventEnvelope.fromHeaders(chinese.toHeaders()::get)).isEqualTo(chinese);
	}

	@ParameterizedTest
	@ValueSource(strings = { CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE,
			CloudEventHeaders.TIME, CloudEventHeaders.SUBJECT })
	void missingHeaderIsReportedByName(String name) {
		Map<String, byte[]> headers = new LinkedHashMap<>(this.envelope.toHeaders());
		headers.remove(name);

		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
			.withMessageContaining(name)
			.withMessageContaining("missing");
	}

	@ParameterizedTest
	@ValueSource(strings = { CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT })
	void emptyHeaderCountsAsMissing(String name) {
		Map<String, byte[]> headers = new LinkedHashMap<>(this.envelope.toHeaders());
		headers.put(name, new byte[0]);

		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
			.withMessageContaining(name);
	}

	@Test
	void timeThatIsNotAnInstantIsReportedByHeaderName() {
		Map<String, byte[]> headers = new LinkedHashMap<>(this.envelope.toHeaders());
		headers.put(CloudEventHeaders.TIME, "yesterday".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> EventEnvelope.fromHeaders(headers::get))
			.withMessageContaining(CloudEventHeaders.TIME)
			.withMessageContaining("yesterday");
	}

	private static String text(Map<String, byte[]> headers, String name) {
		return new String(headers.get(name), StandardCharsets.UTF_8);
	}

}
