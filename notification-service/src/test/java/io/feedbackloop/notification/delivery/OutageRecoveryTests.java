package io.feedbackloop.notification.delivery;

import java.util.ArrayList;
import java.util.List;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.TestChannels;
import io.feedbackloop.notification.channel.ProviderGuards;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A provider outage delays messages and never loses or repeats them: the consumer goes on queuing
 * while the provider is down, the circuit opens, and after recovery the outbox delivers each message
 * exactly once — against the real SMS gateway and the real SMTP server.
 */
class OutageRecoveryTests extends NotificationServiceTestSupport {

	private static final int COMPLAINTS = 8;

	@Autowired
	ProviderGuards providers;

	@Autowired
	MeterRegistry meters;

	@Test
	void smsGatewayOutageOpensTheCircuitAndAfterRecoveryEveryCustomerGetsExactlyOneSms() {
		List<ComplaintRouted> complaints = new ArrayList<>();
		gateway().setAvailable(false);
		try {
			for (int i = 0; i < COMPLAINTS; i++) {
				ComplaintRouted complaint = Complaints.routed(Channel.PHONE, "zh",
						new Contact("客户" + i, Complaints.phone(), null));
				complaints.add(complaint);
				TestKafka.send(Complaints.event(complaint));
			}
			// Every event was consumed and queued although nothing could be sent: the outage does not
			// hold the consumer up.
			await().atMost(TIMEOUT).until(() -> complaints.stream().allMatch((c) -> delivery(c).isPresent()));
			await().atMost(TIMEOUT)
				.until(() -> this.providers.circuitBreaker("sms").getState() == CircuitBreaker.State.OPEN);
			assertThat(this.meters.get("resilience4j.circuitbreaker.state")
				.tags("name", "sms", "state", "open")
				.gauge()
				.value()).isEqualTo(1.0);
			assertThat(complaints).allSatisfy((c) -> {
				Delivery pending = delivery(c).orElseThrow();
				assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
				assertThat(pending.scheduledFor()).isNotNull();
				assertThat(smsTo(c.contact().phone())).isEmpty();
			});
			assertThat(complaints).anySatisfy((c) -> assertThat(delivery(c).orElseThrow().reason()).contains("503"));
		}
		finally {
			gateway().setAvailable(true);
		}

		List<Delivery> sent = complaints.stream().map(this::awaitFinal).toList();
		// The first messages met the outage (several calls); the others waited behind the open circuit.
		assertThat(sent).anySatisfy((delivery) -> assertThat(delivery.attempts()).isGreaterThanOrEqualTo(2));
		for (ComplaintRouted complaint : complaints) {
			Delivery delivered = delivery(complaint).orElseThrow();
			assertThat(delivered.status()).isEqualTo(DeliveryStatus.SENT);
			assertThat(delivered.reason()).isNull();
			assertThat(smsTo(complaint.contact().phone())).singleElement().satisfies((sms) -> {
				assertThat(sms.reference()).isEqualTo(delivered.id());
				assertThat(sms.messageId()).isEqualTo(delivered.providerMessageId());
				assertThat(sms.text()).contains(complaint.caseId().value());
			});
		}
		assertThat(this.meters.get("feedbackloop.notifications.failed")
			.tags("channel", "sms", "template", "acknowledgement", "reason", "unavailable")
			.counter()
			.count()).isGreaterThanOrEqualTo(2);
		await().atMost(TIMEOUT)
			.until(() -> this.providers.circuitBreaker("sms").getState() == CircuitBreaker.State.CLOSED);
	}

	@Test
	void smtpServerOutageDelaysEmailsAndAfterRecoveryEachIsDeliveredOnce() {
		List<ComplaintRouted> complaints = new ArrayList<>();
		TestChannels.mail().greenMail().stop();
		try {
			for (int i = 0; i < 3; i++) {
				ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en",
						new Contact("Customer " + i, null, Complaints.email()));
				complaints.add(complaint);
				TestKafka.send(Complaints.event(complaint));
			}
			await().atMost(TIMEOUT)
				.until(() -> complaints.stream()
					.allMatch((c) -> delivery(c).filter((d) -> d.attempts() >= 1).isPresent()));
			assertThat(complaints).allSatisfy((c) -> {
				Delivery pending = delivery(c).orElseThrow();
				assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
				assertThat(pending.reason()).contains("SMTP server not reachable");
			});
		}
		finally {
			TestChannels.mail().greenMail().start();
		}

		for (ComplaintRouted complaint : complaints) {
			Delivery sent = awaitFinal(complaint);
			assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
			assertThat(TestChannels.mailsTo(complaint.contact().email())).singleElement()
				.satisfies((mail) -> assertThat(mail.getMessageID()).isEqualTo(sent.providerMessageId()));
		}
	}

}
