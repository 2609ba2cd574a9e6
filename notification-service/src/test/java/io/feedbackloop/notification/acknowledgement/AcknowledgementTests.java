package io.feedbackloop.notification.acknowledgement;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.SmsGateway;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.TestChannels;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AcknowledgementTests extends NotificationServiceTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void chinesePhoneComplaintIsAcknowledgedByOneSmsWithTheReferenceAndTheDueTimeInShanghai() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh",
				new Contact("王女士", phone, "wang@example.com"));
		Event<ComplaintRouted> event = Complaints.event(complaint);
		TestKafka.send(event);

		Delivery delivery = awaitFinal(complaint);
		List<SmsGateway.SmsMessage> sms = smsTo(phone);
		assertThat(sms).hasSize(1);
		assertThat(sms.get(0).text()).isEqualTo("【客户服务】王女士您好，感谢您的反馈！您的投诉已受理，编号 "
				+ complaint.caseId() + "。我们将在24小时内（2026年11月23日 16:30前）给您答复。");
		assertThat(sms.get(0).reference()).isEqualTo(delivery.id());

		assertThat(delivery.id())
			.isEqualTo(EventCodec.derivedId(event.envelope().id(), phone, Acknowledgements.TEMPLATE));
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(delivery.providerMessageId()).isEqualTo(sms.get(0).messageId());
		assertThat(delivery.channel()).isEqualTo(ChannelType.SMS);
		assertThat(delivery.recipient()).isEqualTo(phone);
		assertThat(delivery.language()).isEqualTo("zh");
		assertThat(delivery.template()).isEqualTo("acknowledgement");
		assertThat(delivery.caseId()).isEqualTo(complaint.caseId().value());
		assertThat(delivery.customerId()).isEqualTo(complaint.customerId().value());
		assertThat(delivery.attempts()).isEqualTo(1);
		assertThat(delivery.reason()).isNull();
		assertThat(delivery.sentAt()).isNotNull().isAfterOrEqualTo(delivery.createdAt());
		assertThat(this.meters.get("feedbackloop.notifications.sent")
			.tags("channel", "sms", "template", "acknowledgement")
			.counter()
			.count()).isPositive();
		assertThat(this.meters.get("feedbackloop.notifications.delivery.latency")
			.tags("channel", "sms", "template", "acknowledgement")
			.timer()
			.count()).isPositive();
	}

	@Test
	void englishWebComplaintIsAcknowledgedByOneEmailWithTheReference() throws Exception {
		String email = Complaints.email();
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en",
				new Contact("Ann Smith", Complaints.phone(), email));
		TestKafka.send(Complaints.event(complaint));

		Delivery delivery = awaitFinal(complaint);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(delivery.channel()).isEqualTo(ChannelType.EMAIL);
		assertThat(delivery.recipient()).isEqualTo(email);
		assertThat(delivery.language()).isEqualTo("en");
		List<MimeMessage> mails = await().atMost(TIMEOUT).until(() -> TestChannels.mailsTo(email), (found) -> !found.isEmpty());
		assertThat(mails).hasSize(1);
		MimeMessage mail = mails.get(0);
		assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting((a) -> ((InternetAddress) a).getAddress())
			.containsExactly(email);
		assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("care@feedbackloop.local");
		assertThat(mail.getSubject()).isEqualTo("Your complaint has been registered: reference " + complaint.caseId());
		assertThat(mail.getMessageID()).isEqualTo(delivery.providerMessageId()).contains(delivery.id());
		Map<String, String> parts = TestChannels.parts(mail);
		assertThat(parts.get("text/plain")).isEqualTo("Dear Ann Smith, thank you for your feedback. Your complaint has "
				+ "been registered under reference " + complaint.caseId()
				+ ". We will reply within 24 hours, by 23 Nov 2026, 16:30 (Asia/Shanghai).");
		assertThat(parts.get("text/html")).contains("<strong>" + complaint.caseId() + "</strong>")
			.contains("Dear Ann Smith,");
	}

	@Test
	void sameEventDeliveredTwiceSendsOneSmsAndRecordsOneDelivery() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = Complaints.routed(Channel.SMS, "zh", new Contact("张先生", phone, null));
		Event<ComplaintRouted> event = Complaints.event(complaint);
		TestKafka.send(event);
		TestKafka.send(event);
		// A later event of the same customer (same partition) tells us the copy was consumed.
		ComplaintRouted later = Complaints.another(complaint);
		TestKafka.send(Complaints.event(later));
		assertThat(awaitFinal(later).status()).isEqualTo(DeliveryStatus.SENT);

		assertThat(smsTo(phone)).filteredOn((sms) -> sms.text().contains(complaint.caseId().value())).hasSize(1);
		assertThat(customerDeliveries(complaint.caseId().value())).hasSize(1)
			.allSatisfy((delivery) -> assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT));
	}

	@Test
	void numberTheGatewayRefusesIsRecordedAsFailedWithTheReasonOnceAndTheConsumerGoesOn() {
		ComplaintRouted refused = Complaints.routed(Channel.PHONE, "zh", new Contact("李先生", "13800138000", null));
		TestKafka.send(Complaints.event(refused));
		String phone = Complaints.phone();
		ComplaintRouted later = Complaints.forCustomer(refused.customerId(), Channel.PHONE, "zh",
				new Contact("李先生", phone, null));
		TestKafka.send(Complaints.event(later));

		assertThat(awaitFinal(later).status()).isEqualTo(DeliveryStatus.SENT);
		Delivery failed = awaitFinal(refused);
		assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(failed.reason()).contains("400").contains("E.164");
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.providerMessageId()).isNull();
		assertThat(failed.sentAt()).isNull();
		assertThat(gateway().accepted()).noneMatch((sms) -> sms.text().contains(refused.caseId().value()));
		assertThat(smsTo(phone)).hasSize(1);
		assertThat(this.meters.get("feedbackloop.notifications.failed")
			.tags("channel", "sms", "template", "acknowledgement", "reason", "rejected")
			.counter()
			.count()).isPositive();
	}

	@Test
	void unreadableEventGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
		String email = Complaints.email();
		ComplaintRouted good = Complaints.routed(Channel.APP, "en", new Contact("Bob", null, email));
		Map<String, byte[]> headers = Complaints.event(Complaints.another(good)).envelope().toHeaders();
		TestKafka.send(Topics.COMPLAINT_CASES.name(), good.customerId().value(), headers,
				"{not json".getBytes(StandardCharsets.UTF_8));
		TestKafka.send(Complaints.event(good));

		List<ConsumerRecord<String, byte[]>> dead = TestKafka.readByKey(Topics.NOTIFICATION_SERVICE_DLQ.name(),
				good.customerId().value(), 1);
		assertThat(dead).hasSize(1);
		assertThat(TestKafka.header(dead.get(0), "x-exception-message")).contains("not a valid ComplaintRouted");
		assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
		assertThat(awaitFinal(good).status()).isEqualTo(DeliveryStatus.SENT);
	}

	@Test
	void complaintWithoutAnyContactIsRecordedAsSkipped() {
		ComplaintRouted complaint = Complaints.routed(Channel.APP, "en", new Contact("Anonymous", null, " "));
		TestKafka.send(Complaints.event(complaint));

		Delivery skipped = awaitFinal(complaint);
		assertThat(skipped.status()).isEqualTo(DeliveryStatus.SKIPPED);
		assertThat(skipped.reason()).isEqualTo("no contact");
		assertThat(skipped.channel()).isNull();
		assertThat(skipped.recipient()).isNull();
		assertThat(skipped.attempts()).isZero();
	}

}
