package io.feedbackloop.notification.acknowledgement;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.templates.LocalTimes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgementVariablesTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Test
	void dueTimeIsShownInTheCustomersTimeZoneInTheirLanguage() {
		Instant due = Instant.parse("2026-11-23T08:30:00Z");
		assertThat(LocalTimes.format(due, "zh", SHANGHAI)).isEqualTo("2026年11月23日 16:30");
		assertThat(LocalTimes.format(due, "en", SHANGHAI)).isEqualTo("23 Nov 2026, 16:30 (Asia/Shanghai)");
		assertThat(LocalTimes.format(due, "en", ZoneId.of("Europe/London"))).isEqualTo("23 Nov 2026, 08:30 (Europe/London)");
	}

	@Test
	void promisedHoursComeFromTheEvent() {
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en", new Contact("Ann", null, "a@example.com"));
		ComplaintRouted twoDays = new ComplaintRouted(complaint.caseId(), complaint.feedbackId(),
				complaint.customerId(), complaint.channel(), complaint.contact(), complaint.language(),
				complaint.category(), complaint.department(), complaint.receivedAt(),
				complaint.receivedAt().plus(Duration.ofHours(48)), complaint.routedAt());

		Map<String, String> values = AcknowledgementVariables.of(twoDays, "en", SHANGHAI);

		assertThat(values).containsEntry("replyHours", "48")
			.containsEntry("reference", complaint.caseId().value())
			.containsEntry("name", "Ann")
			.containsEntry("dueTime", "24 Nov 2026, 16:30 (Asia/Shanghai)");
	}

	@Test
	void partHoursAreRoundedUpSoThatTheTextNeverPromisesMoreThanTheDueTime() {
		Instant received = Complaints.RECEIVED_AT;
		assertThat(AcknowledgementVariables.replyHours(received, received.plus(Duration.ofHours(24)))).isEqualTo(24);
		assertThat(AcknowledgementVariables.replyHours(received, received.plus(Duration.ofMinutes(90)))).isEqualTo(2);
		assertThat(AcknowledgementVariables.replyHours(received, received.minusSeconds(1))).isEqualTo(1);
	}

	@Test
	void customerWithoutANameIsAddressedPolitely() {
		ComplaintRouted zh = Complaints.routed(Channel.SMS, "zh", new Contact(null, "+8613800138000", null));
		ComplaintRouted en = Complaints.routed(Channel.WEB, "en", new Contact("  ", null, "a@example.com"));
		assertThat(AcknowledgementVariables.of(zh, "zh", SHANGHAI)).containsEntry("name", "尊敬的客户");
		assertThat(AcknowledgementVariables.of(en, "en", SHANGHAI)).containsEntry("name", "customer");
	}

}
