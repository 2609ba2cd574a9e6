package io.feedbackloop.notification.customer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.TestChannels;
import io.feedbackloop.notification.TestClock;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryStatus;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Progress, call-back and closing messages to the customer, from the case's later events. */
class CustomerNoticeTests extends NotificationServiceTestSupport {

	private static final Instant DAY = TestClock.DAYTIME.minus(Duration.ofMinutes(5));

	@Test
	void caseBeingInvestigatedIsToldToTheCustomerInTheirLanguageOnTheirChannel() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("王女士", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.ASSIGNED, CaseStatus.INVESTIGATING, 3, null, DAY));

		Delivery progress = awaitFinal(complaint.caseId().value(), CustomerNotices.PROGRESS);
		assertThat(progress.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(smsTo(phone)).extracting((sms) -> sms.text())
			.contains("【客户服务】王女士您好，您的投诉（编号 " + complaint.caseId() + "）正在由负责部门调查处理。");
	}

	@Test
	void statusChangeThatIsNotConfiguredSendsNothing() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("王女士", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.REMEDY_PROPOSED, CaseStatus.REMEDY_APPROVED, 5,
				null, DAY));

		onlyTheNextChangeIsTold(complaint, phone);
	}

	@Test
	void theEndOfAPauseIsNoNewsToTheCustomer() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("王女士", phone, null));
		TestKafka.send(Complaints.event(complaint));
		// the customer wrote back, and the case waiting for them goes on investigating
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.WAITING_FOR_CUSTOMER, CaseStatus.INVESTIGATING, 4,
				"the customer came back via sms", DAY, "system", "system", java.util.Map.of("resumed", "true")));

		onlyTheNextChangeIsTold(complaint, phone);
	}

	@Test
	void callBackByPhoneIsConfirmedByTextAndAnAnswerBySmsIsNotRepeated() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.SMS, "en", new Contact("Ann", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.responded(complaint, "sms", DAY));
		TestKafka.send(Complaints.responded(complaint, "phone", DAY.plusSeconds(60)));

		await().atMost(TIMEOUT)
			.until(() -> customerDeliveries(complaint.caseId().value()).stream()
				.filter((d) -> d.template().equals(CustomerNotices.CALLBACK))
				.allMatch((d) -> d.status().isFinal())
					&& customerDeliveries(complaint.caseId().value()).size() == 3);
		List<Delivery> callbacks = customerDeliveries(complaint.caseId().value()).stream()
			.filter((d) -> d.template().equals(CustomerNotices.CALLBACK))
			.toList();
		assertThat(callbacks).extracting(Delivery::status)
			.containsExactlyInAnyOrder(DeliveryStatus.SKIPPED, DeliveryStatus.SENT);
		assertThat(callbacks).filteredOn((d) -> d.status() == DeliveryStatus.SKIPPED)
			.singleElement()
			.satisfies((d) -> assertThat(d.reason()).isEqualTo(CustomerNotices.SAME_CHANNEL));
		assertThat(smsTo(phone)).extracting((sms) -> sms.text())
			.contains("Dear Ann, our agent contacted you by phone on 23 Nov 2026, 09:56 (Asia/Shanghai) about your "
					+ "complaint (reference " + complaint.caseId() + "). Your complaint is being looked into by the "
					+ "department responsible. If anything is unclear, please call our hotline.");
	}

	@Test
	void aCaseFoundToBeNoComplaintGetsThePoliteExplanationNotSilence() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("李先生", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.RECEIVED, CaseStatus.INVALID, 2,
				"国际漫游流量包可在App中自助办理，已为您发送办理指引。", DAY));

		Delivery invalid = awaitFinal(complaint.caseId().value(), CustomerNotices.INVALID);

		assertThat(invalid.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(smsTo(phone)).extracting((sms) -> sms.text())
			.contains("【客户服务】李先生您好，感谢您的来信（编号 " + complaint.caseId() + "）。经核实，此事不作为投诉处理："
					+ "国际漫游流量包可在App中自助办理，已为您发送办理指引。如我们理解有误，请回复或来电，我们将重新受理。");
	}

	@Test
	void aCustomerWritingAgainAboutTheirOpenCaseIsToldItWasAddedToIt() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("李先生", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.repeatContact(complaint, Channel.SMS, 1, DAY));

		Delivery repeat = awaitFinal(complaint.caseId().value(), CustomerNotices.REPEAT_CONTACT);

		assertThat(repeat.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(smsTo(phone)).extracting((sms) -> sms.text())
			.contains("【客户服务】李先生您好，感谢您的来信。我们已将其并入您正在处理中的投诉（编号 " + complaint.caseId()
					+ "），负责部门将一并处理并与您联系。");
	}

	@Test
	void aCaseClosedAfterTheCustomersSilenceSaysSoInTheirLanguage() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("李先生", phone, null));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED, 8,
				"Closed after 7 days without an answer from the customer since the remedy was carried out", DAY,
				"system", "system", java.util.Map.of("closedBy", "silence")));

		awaitFinal(complaint.caseId().value(), CustomerNotices.CLOSING);

		assertThat(smsTo(phone)).extracting((sms) -> sms.text())
			.anySatisfy((text) -> assertThat(text).contains("已办结：处理方案落实后，我们未再收到您的反馈，视为问题已解决。")
				.doesNotContain("Closed after"));
	}

	@Test
	void closingConfirmationSaysWhatWasDoneAndAsksOneQuestionAndARedeliveredEventSendsItOnce() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh", new Contact("李先生", phone, null));
		Event<ComplaintStatusChanged> closed = Complaints.statusChanged(complaint, CaseStatus.REMEDY_CARRIED_OUT,
				CaseStatus.CLOSED, 8, "已为您补偿一个月流量。", DAY);
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(closed);
		TestKafka.send(closed);
		Delivery closing = awaitFinal(complaint.caseId().value(), CustomerNotices.CLOSING);
		// A later event of the same customer (same partition) tells us the copy was consumed.
		TestKafka.send(Complaints.responded(complaint, "phone", DAY.plusSeconds(120)));
		awaitFinal(complaint.caseId().value(), CustomerNotices.CALLBACK);

		assertThat(closing.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(customerDeliveries(complaint.caseId().value())).filteredOn((d) -> d.template().equals("closing"))
			.hasSize(1);
		assertThat(smsTo(phone)).filteredOn((sms) -> sms.text().contains("已办结")).singleElement().satisfies((sms) -> {
			assertThat(sms.text()).startsWith("【客户服务】李先生您好，您的投诉（编号 " + complaint.caseId()
					+ "）已办结：已为您补偿一个月流量。请为我们的处理打分（1-5分）：https://care.example.test/survey/");
			assertThat(sms.reference()).isEqualTo(closing.id());
		});
	}

	@Test
	void customerTextIsEscapedInTheHtmlEmail() throws Exception {
		String email = Complaints.email();
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en",
				new Contact("<img src=x onerror=alert(1)> & Co", null, email));
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED, 8,
				"Refunded <b>twice</b> the charge", DAY));

		assertThat(awaitFinal(complaint.caseId().value(), CustomerNotices.CLOSING).status())
			.isEqualTo(DeliveryStatus.SENT);
		MimeMessage mail = await().atMost(TIMEOUT)
			.until(() -> TestChannels.mailsTo(email)
				.stream()
				.filter((m) -> subject(m).startsWith("Your complaint has been closed"))
				.toList(), (found) -> found.size() == 1)
			.get(0);
		Map<String, String> parts = TestChannels.parts(mail);
		assertThat(parts.get("text/html")).contains("Dear &lt;img src=x onerror=alert(1)&gt; &amp; Co,")
			.contains("has been closed: Refunded &lt;b&gt;twice&lt;/b&gt; the charge.")
			.doesNotContain("<img")
			.doesNotContain("<b>");
		assertThat(parts.get("text/plain")).startsWith("Dear <img src=x onerror=alert(1)> & Co, your complaint");
	}

	@Test
	void changeOfACaseNeverRoutedHereGoesToTheDeadLetterTopicWithTheReason() {
		ComplaintRouted unknown = Complaints.routed(Channel.PHONE, "zh", new Contact("周先生", Complaints.phone(), null));
		TestKafka.send(Complaints.statusChanged(unknown, CaseStatus.INVESTIGATING, CaseStatus.CLOSED, 9, null, DAY));

		List<ConsumerRecord<String, byte[]>> dead = TestKafka.readByKey(Topics.NOTIFICATION_SERVICE_DLQ.name(),
				unknown.customerId().value(), 1);
		assertThat(dead).hasSize(1);
		assertThat(TestKafka.header(dead.get(0), "x-exception-message"))
			.contains("Case " + unknown.caseId() + " is unknown to notification-service");
		assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains(unknown.caseId().value());
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a later change of the case the customer is told of (same partition: once its notice is final, the
	 * changes before it were consumed) and checks that its notice is the only one after the acknowledgement.
	 */
	private void onlyTheNextChangeIsTold(ComplaintRouted complaint, String phone) {
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.REMEDY_APPROVED, CaseStatus.REMEDY_CARRIED_OUT,
				6, null, DAY));

		awaitFinal(complaint.caseId().value(), CustomerNotices.PROGRESS);
		assertThat(customerDeliveries(complaint.caseId().value())).extracting(Delivery::template)
			.containsExactly("acknowledgement", CustomerNotices.PROGRESS);
		assertThat(smsTo(phone)).hasSize(2).last().satisfies((sms) -> assertThat(sms.text()).contains("的处理方案已落实"));
	}

}
