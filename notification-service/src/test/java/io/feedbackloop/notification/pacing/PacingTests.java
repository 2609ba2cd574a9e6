package io.feedbackloop.notification.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.TestClock;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Quiet hours and the daily cap, driven by the service's clock: night and the next morning come by
 * setting the clock, never by waiting.
 */
class PacingTests extends NotificationServiceTestSupport {

	private static final LocalDateTime NIGHT = LocalDateTime.of(2026, 11, 23, 23, 0);

	private static final Instant MORNING = LocalDateTime.of(2026, 11, 24, 8, 0).atZone(TestClock.SHANGHAI).toInstant();

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void daytimeAgain() {
		this.clock.reset();
	}

	@Test
	void atNightTheAcknowledgementGoesOutAndAProgressNoticeWaitsForTheMorning() {
		this.clock.setTo(NIGHT);
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("王女士", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.ASSIGNED, CaseStatus.INVESTIGATING, 3, null,
				this.clock.instant()));

		assertThat(awaitFinal(complaint).status()).isEqualTo(DeliveryStatus.SENT);
		Delivery deferred = await().atMost(TIMEOUT)
			.until(() -> delivery(complaint.caseId().value(), "progress"),
					(found) -> found.isPresent() && found.get().status() == DeliveryStatus.DEFERRED)
			.orElseThrow();
		assertThat(deferred.scheduledFor()).isEqualTo(MORNING);
		assertThat(deferred.reason()).isEqualTo("quiet hours in Asia/Shanghai");
		assertThat(deferred.attempts()).isZero();
		assertThat(smsTo(phone)).hasSize(1);
		assertThat(this.meters.get("feedbackloop.notifications.deferred")
			.tags("channel", "sms", "template", "progress", "reason", "quiet-hours")
			.counter()
			.count()).isPositive();

		this.clock.setTo(MORNING.minusSeconds(60));
		assertThat(delivery(complaint.caseId().value(), "progress").orElseThrow().status())
			.isEqualTo(DeliveryStatus.DEFERRED);
		this.clock.setTo(MORNING);
		Delivery sent = awaitFinal(complaint.caseId().value(), "progress");
		assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(sent.sentAt()).isAfterOrEqualTo(MORNING);
		assertThat(sent.scheduledFor()).isNull();
		assertThat(smsTo(phone)).hasSize(2);
	}

	@Test
	void quietHoursAreTheCustomersOwnEveningInLondonIsAfternoon() {
		this.clock.setTo(NIGHT);
		String phone = "+4477009" + String.format("%05d", (int) (Math.random() * 100_000));
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "en", new Contact("Ann", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.ASSIGNED, CaseStatus.INVESTIGATING, 3, null,
				this.clock.instant()));

		assertThat(awaitFinal(complaint.caseId().value(), "progress").status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(smsTo(phone)).hasSize(2);
	}

	@Test
	void beyondTheDailyCapMessagesWaitForTheNextMorning() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("张先生", phone, null));
		TestKafka.send(Complaints.event(complaint));
		CaseStatus[] steps = { CaseStatus.ASSIGNED, CaseStatus.INVESTIGATING, CaseStatus.REMEDY_CARRIED_OUT,
				CaseStatus.REOPENED };
		for (int i = 0; i < steps.length; i++) {
			TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.RECEIVED, steps[i], i + 2, null,
					this.clock.instant()));
		}

		await().atMost(TIMEOUT)
			.until(() -> customerDeliveries(complaint.caseId().value()).stream()
				.filter((d) -> d.template().equals("progress"))
				.filter((d) -> d.status() == DeliveryStatus.SENT || d.status() == DeliveryStatus.DEFERRED)
				.count() == 4);
		// The acknowledgement is exempt; three progress notices fill the day (cap 3 in the tests).
		assertThat(smsTo(phone)).hasSize(4);
		Delivery waiting = customerDeliveries(complaint.caseId().value()).stream()
			.filter((d) -> d.status() == DeliveryStatus.DEFERRED)
			.findFirst()
			.orElseThrow();
		assertThat(waiting.reason()).isEqualTo("daily cap of 3 messages reached");
		assertThat(waiting.scheduledFor()).isEqualTo(MORNING);

		this.clock.setTo(MORNING.plus(Duration.ofMinutes(1)));
		await().atMost(TIMEOUT)
			.until(() -> customerDeliveries(complaint.caseId().value()).stream()
				.allMatch((d) -> d.status() == DeliveryStatus.SENT));
		assertThat(smsTo(phone)).hasSize(5);
	}

}
