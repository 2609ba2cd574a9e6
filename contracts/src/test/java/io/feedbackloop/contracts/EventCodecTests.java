package io.feedbackloop.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventCodecTests {

	@Test
	void eventIsBuiltWithTheTypeNameAndKeyedByCustomerId() {
		Event<FeedbackReceived> event = EventSamples.eventOf(EventTypes.FEEDBACK_RECEIVED);

		assertThat(event.envelope().type()).isEqualTo("feedback.received.v1");
		assertThat(event.key()).isEqualTo(EventSamples.CUSTOMER_ID.value());
		assertThat(event.dataAs(EventTypes.FEEDBACK_RECEIVED)).contains(EventSamples.feedbackReceived());
		assertThat(event.dataAs(EventTypes.COMPLAINT_ROUTED)).isEmpty();
	}

	@Test
	void unknownEventTypeIsAFormatErrorNamingTheType() {
		Map<String, byte[]> headers = headersWithType("feedback.received.v99");

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventCodec.decode(headers::get, "C-1000234", encodedSample()))
			.withMessageContaining("feedback.received.v99");
	}

	@Test
	void missingHeaderIsAFormatErrorNamingIt() {
		Map<String, byte[]> headers = new LinkedHashMap<>(validHeaders());
		headers.remove(CloudEventHeaders.TYPE);

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventCodec.decode(headers::get, "C-1000234", encodedSample()))
			.withMessageContaining(CloudEventHeaders.TYPE);
	}

	@Test
	void malformedJsonIsAFormatError() {
		byte[] truncated = "{\"feedbackId\": \"fb-1\", \"channel\":".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventCodec.decode(validHeaders()::get, "C-1000234", truncated))
			.withMessageContaining("FeedbackReceived");
	}

	@Test
	void jsonThatIsNotAnObjectIsAFormatError() {
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> EventCodec
			.decode(validHeaders()::get, "C-1000234", "[1, 2]".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> EventCodec
			.decode(validHeaders()::get, "C-1000234", "null".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void missingDataIsAFormatError() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventCodec.decode(validHeaders()::get, "C-1000234", null))
			.withMessageContaining("no data");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventCodec.decode(validHeaders()::get, "C-1000234", new byte[0]))
			.withMessageContaining("no data");
	}

	@Test
	void unknownChannelInTheDataIsAFormatErrorListingTheAcceptedValues() {
		ObjectNode json = (ObjectNode) ContractFiles.golden(EventTypes.FEEDBACK_RECEIVED);
		json.put("channel", "fax");

		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventCodec.decodeData(json.toString().getBytes(StandardCharsets.UTF_8),
					FeedbackReceived.class))
			.withMessageContaining("fax")
			.withMessageContaining("phone, sms, web, app");
	}

	@Test
	void blankIdInTheDataIsAFormatError() {
		ObjectNode json = (ObjectNode) ContractFiles.golden(EventTypes.FEEDBACK_RECEIVED);
		json.put("customerId", " ");

		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> EventCodec
			.decodeData(json.toString().getBytes(StandardCharsets.UTF_8), FeedbackReceived.class));
	}

	@Test
	void unknownFieldsAreIgnoredSoThatProducersCanAddFields() {
		ObjectNode json = (ObjectNode) ContractFiles.golden(EventTypes.COMPLAINT_ROUTED);
		json.put("priority", "high");
		json.putObject("escalation").put("level", 2).put("owner", "值班经理");
		((ObjectNode) json.get("contact")).put("wechat", "wangfang_88");

		ComplaintRouted decoded = EventCodec.decodeData(json.toString().getBytes(StandardCharsets.UTF_8),
				ComplaintRouted.class);

		assertThat(decoded).isEqualTo(EventSamples.complaintRouted());
	}

	@Test
	void derivedIdIsTheSameEveryTime() {
		String id = EventCodec.derivedId("complaint.routed.v1", "CASE-20260301-0001");

		assertThat(EventCodec.derivedId("complaint.routed.v1", "CASE-20260301-0001")).isEqualTo(id);
		// Pinned: events published before and after an upgrade must keep the same id.
		assertThat(id).isEqualTo("f6ea2381-b4e3-32be-be00-a0d6f81d79c9");
		assertThat(UUID.fromString(id).version()).isEqualTo(3);
	}

	@Test
	void derivedIdDiffersForDifferentParts() {
		assertThat(EventCodec.derivedId("complaint.routed.v1", "CASE-1"))
			.isNotEqualTo(EventCodec.derivedId("complaint.routed.v1", "CASE-2"))
			.isNotEqualTo(EventCodec.derivedId("feedback.classified.v1", "CASE-1"))
			.isNotEqualTo(EventCodec.derivedId("CASE-1", "complaint.routed.v1"));
	}

	@Test
	void derivedIdKeepsThePartsApart() {
		assertThat(EventCodec.derivedId("ab", "c")).isNotEqualTo(EventCodec.derivedId("a", "bc"))
			.isNotEqualTo(EventCodec.derivedId("abc"));
	}

	private static Map<String, byte[]> validHeaders() {
		return EventSamples.eventOf(EventTypes.FEEDBACK_RECEIVED).envelope().toHeaders();
	}

	private static Map<String, byte[]> headersWithType(String type) {
		Map<String, byte[]> headers = new LinkedHashMap<>(validHeaders());
		headers.put(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private static byte[] encodedSample() {
		return EventCodec.encode(EventSamples.feedbackReceived());
	}

	@Test
	void dataMissingARequiredFieldIsAnEventFormatErrorNamingIt() {
		byte[] json = "{\"language\":\"zh\",\"sentiment\":\"negative\",\"confidence\":0.5}"
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> EventCodec.decodeData(json, FeedbackClassified.class))
			.withMessageContaining("is required");
	}

}
