package io.feedbackloop.notification.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.SlaBreached;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.RecordingHttpServer;
import io.feedbackloop.notification.TestChannels;
import io.feedbackloop.notification.cases.CaseDirectory;
import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.webhook.WebhookSender;
import io.feedbackloop.notification.channel.webhook.WebhookSignature;
import io.feedbackloop.notification.delivery.Audience;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryStatus;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Staff notices to the department's contacts: e-mail over the real SMTP server, signed webhooks to a real HTTP server. */
class StaffNoticeTests extends NotificationServiceTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	StaffNotices staff;

	@Autowired
	CaseDirectory cases;

	@AfterEach
	void restore() {
		webhook().recover();
		this.clock.reset();
	}

	@Test
	void assignmentIsAnnouncedToTheDepartmentByEmailAndBySignedWebhookOnce() throws Exception {
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "zh",
				new Contact("王女士", null, Complaints.email()), "billing");
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.event(complaint));
		// A later event of the same customer (same partition) tells us the copy was consumed.
		ComplaintRouted later = Complaints.another(complaint);
		TestKafka.send(Complaints.event(later));
		awaitStaff(later.caseId().value(), 2);

		List<Delivery> notices = awaitStaff(complaint.caseId().value(), 2);
		assertThat(notices).extracting(Delivery::channel).containsExactlyInAnyOrder(ChannelType.EMAIL,
				ChannelType.WEBHOOK);
		assertThat(notices).allSatisfy((d) -> {
			assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
			assertThat(d.template()).isEqualTo("staff-assigned");
			assertThat(d.language()).isEqualTo("en");
		});

		MimeMessage mail = await().atMost(TIMEOUT)
			.until(() -> TestChannels.mailsTo("billing-duty@example.com")
				.stream()
				.filter((m) -> subjectOf(m).contains(complaint.caseId().value()))
				.toList(), (found) -> !found.isEmpty())
			.get(0);
		assertThat(mail.getSubject()).isEqualTo("New complaint for billing: reference " + complaint.caseId());
		assertThat(TestChannels.parts(mail).get("text/plain")).isEqualTo("A new complaint was assigned to billing: "
				+ "reference " + complaint.caseId() + " (category network, customer " + complaint.customerId()
				+ "). First response due by 23 Nov 2026, 16:30 (Asia/Shanghai).");

		List<RecordingHttpServer.Request> calls = callsFor(complaint.caseId().value());
		assertThat(calls).hasSize(1);
		RecordingHttpServer.Request call = calls.get(0);
		assertThat(call.path()).isEqualTo("/hooks/feedback");
		assertThat(WebhookSignature.verify(WEBHOOK_SECRET, call.header(WebhookSignature.HEADER), call.body(),
				this.clock.instant(), Duration.ofMinutes(5))).isTrue();
		JsonNode body = JSON.readTree(call.body());
		Delivery viaWebhook = notices.stream().filter((d) -> d.channel() == ChannelType.WEBHOOK).findFirst().orElseThrow();
		assertThat(body.get("id").asString()).isEqualTo(viaWebhook.id())
			.isEqualTo(call.header(WebhookSender.DELIVERY_ID_HEADER));
		assertThat(body.get("type").asString()).isEqualTo("staff-assigned");
		assertThat(body.get("subject").asString()).isEqualTo(mail.getSubject());
		assertThat(body.get("data").get("caseId").asString()).isEqualTo(complaint.caseId().value());
		assertThat(body.get("data").get("department").asString()).isEqualTo("billing");
		assertThat(body.get("data").get("dueAt").asString()).isEqualTo("2026-11-23T08:30:00Z");
		// A receiver that checks the signature refuses a forged or altered call.
		byte[] altered = call.bodyText().replace("billing", "refunds").getBytes();
		assertThat(WebhookSignature.verify(WEBHOOK_SECRET, call.header(WebhookSignature.HEADER), altered,
				this.clock.instant(), Duration.ofMinutes(5))).isFalse();
	}

	@Test
	void breachOfThePromiseReachesTheDepartmentFromTheSlaEventOnce() throws Exception {
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en", new Contact("Ann", null, Complaints.email()),
				"billing");
		TestKafka.send(Complaints.event(complaint));
		awaitStaff(complaint.caseId().value(), 2);
		SlaBreached breached = new SlaBreached(complaint.caseId(), complaint.customerId(), "billing", "billing", null,
				null, SlaTimerKind.FIRST_RESPONSE, "standard", 0, complaint.firstResponseDueAt(),
				complaint.firstResponseDueAt().plusMillis(5), 5);
		Event<SlaBreached> event = EventCodec.event(EventTypes.SLA_BREACHED,
				EventCodec.derivedId(complaint.caseId().value(), "first-response", "breached"), "/complaint-router",
				breached.firedAt(), complaint.caseId().value(), complaint.customerId(), breached);
		TestKafka.send(event);
		TestKafka.send(event);

		List<Delivery> notices = awaitStaff(complaint.caseId().value(), 4);
		assertThat(notices).filteredOn((d) -> d.template().equals("staff-sla-breached"))
			.hasSize(2)
			.extracting(Delivery::channel)
			.containsExactlyInAnyOrder(ChannelType.EMAIL, ChannelType.WEBHOOK);
		assertThat(breachMail(complaint)).endsWith("; the promise to the customer of a first response was not kept.");
		await().atMost(TIMEOUT).until(() -> callsFor(complaint.caseId().value()).size() == 2);
		assertThat(callsFor(complaint.caseId().value())).extracting((c) -> JSON.readTree(c.body()).path("data"))
			.filteredOn((data) -> data.path("notice").asString().equals("staff-sla-breached"))
			.singleElement()
			.satisfies((data) -> assertThat(data.path("timer").asString()).isEqualTo("first-response"));
	}

	@Test
	void missingTheInternalTargetIsNotCalledABrokenPromise() throws Exception {
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en", new Contact("Ann", null, Complaints.email()),
				"billing");
		TestKafka.send(Complaints.event(complaint));
		awaitStaff(complaint.caseId().value(), 2);
		Instant target = complaint.firstResponseDueAt().minus(Duration.ofHours(12));
		SlaBreached breached = new SlaBreached(complaint.caseId(), complaint.customerId(), "billing", "billing", null,
				null, SlaTimerKind.INTERNAL_TARGET, "standard", 0, target, target.plusMillis(5), 5);
		TestKafka.send(EventCodec.event(EventTypes.SLA_BREACHED,
				EventCodec.derivedId(complaint.caseId().value(), "internal-target", "breached"), "/complaint-router",
				breached.firedAt(), complaint.caseId().value(), complaint.customerId(), breached));

		awaitStaff(complaint.caseId().value(), 4);
		assertThat(breachMail(complaint)).endsWith("; this was the team's internal target, ahead of the time promised "
				+ "to the customer: answer now to keep that promise.")
			.doesNotContain("not kept");
	}

	@Test
	void departmentWithoutContactsGetsNoStaffNotice() {
		ComplaintRouted complaint = Complaints.routed(Channel.SMS, "zh", new Contact("张先生", Complaints.phone(), null));
		TestKafka.send(Complaints.event(complaint));

		assertThat(awaitFinal(complaint).status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(this.deliveries.findBy(complaint.caseId().value(), null, Audience.STAFF)).isEmpty();
	}

	@Test
	void escalationReachesTheLevelsContactsAsWellAsTheDepartment() {
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en", new Contact("Ann", null, Complaints.email()),
				"billing");
		KnownCase known = KnownCase.of(complaint);
		this.cases.remember(known);

		List<Delivery> queued = this.staff.notify("sla-escalated-" + complaint.caseId(), StaffNoticeType.ESCALATED,
				known, 1, null, complaint.firstResponseDueAt(), this.clock.instant());

		assertThat(queued).extracting(Delivery::recipient)
			.containsExactlyInAnyOrder("billing-duty@example.com", "billing-lead@example.com",
					TestChannels.webhook().baseUrl() + "/hooks/feedback");
		await().atMost(TIMEOUT)
			.until(() -> TestChannels.mailsTo("billing-lead@example.com")
				.stream()
				.anyMatch((m) -> subjectOf(m).equals("Escalation level 1: complaint " + complaint.caseId())));
		assertThat(awaitStaff(complaint.caseId().value(), 3)).allSatisfy(
				(d) -> assertThat(d.status()).isEqualTo(DeliveryStatus.SENT));
	}

	@Test
	void staffSystemThatStaysDownIsGivenUpWithTheReasonAfterTheLimitAndOneThatRefusesIsNotRetried() {
		webhook().failWith(503);
		ComplaintRouted down = Complaints.routed(Channel.WEB, "en", new Contact("Ann", null, Complaints.email()),
				"billing");
		TestKafka.send(Complaints.event(down));
		await().atMost(TIMEOUT).until(() -> webhookDelivery(down).filter((d) -> d.attempts() >= 1).isPresent());
		assertThat(webhookDelivery(down).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);

		this.clock.setTo(this.clock.instant().plus(Duration.ofDays(3)));
		Delivery givenUp = await().atMost(TIMEOUT)
			.until(() -> webhookDelivery(down), (found) -> found.isPresent() && found.get().status().isFinal())
			.orElseThrow();
		assertThat(givenUp.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(givenUp.reason()).startsWith("not delivered within PT72H; last failure: webhook answered 503");

		this.clock.reset();
		webhook().failWith(410);
		ComplaintRouted gone = Complaints.routed(Channel.WEB, "en", new Contact("Bob", null, Complaints.email()),
				"billing");
		TestKafka.send(Complaints.event(gone));
		Delivery refused = await().atMost(TIMEOUT)
			.until(() -> webhookDelivery(gone), (found) -> found.isPresent() && found.get().status().isFinal())
			.orElseThrow();
		assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(refused.reason()).startsWith("webhook refused the message (410)");
		assertThat(refused.attempts()).isEqualTo(1);
	}

	private Optional<Delivery> webhookDelivery(ComplaintRouted complaint) {
		return this.deliveries.findBy(complaint.caseId().value(), null, Audience.STAFF)
			.stream()
			.filter((d) -> d.channel() == ChannelType.WEBHOOK)
			.findFirst();
	}

	private List<Delivery> awaitStaff(String caseId, int count) {
		return await().atMost(TIMEOUT)
			.until(() -> this.deliveries.findBy(caseId, null, Audience.STAFF),
					(found) -> found.size() == count && found.stream().allMatch((d) -> d.status().isFinal()));
	}

	private static List<RecordingHttpServer.Request> callsFor(String caseId) {
		return webhook().accepted().stream().filter((r) -> r.bodyText().contains(caseId)).toList();
	}

	private static RecordingHttpServer webhook() {
		return TestChannels.webhook();
	}

	/** The text of the breach notice about a case mailed to the billing department. */
	private static String breachMail(ComplaintRouted complaint) throws Exception {
		MimeMessage mail = await().atMost(TIMEOUT)
			.until(() -> TestChannels.mailsTo("billing-duty@example.com")
				.stream()
				.filter((m) -> subjectOf(m).equals("SLA breached: complaint " + complaint.caseId() + " is overdue"))
				.toList(), (found) -> !found.isEmpty())
			.get(0);
		return TestChannels.parts(mail).get("text/plain");
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
