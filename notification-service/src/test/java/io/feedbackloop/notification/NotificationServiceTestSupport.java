package io.feedbackloop.notification;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.local.SmsGateway;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The one application context of this module's integration tests: the real broker and database
 * (supplied by platform-local), the real SMTP server and SMS gateway of {@link TestChannels}, and a
 * short retry back-off so that an outage and its recovery fit in a test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.cloud.stream.bindings.caseEvents-in-0.consumer.back-off-initial-interval=100",
				"spring.cloud.stream.bindings.caseEvents-in-0.consumer.back-off-max-interval=1000",
				"spring.cloud.stream.bindings.caseEvents-in-0.consumer.max-attempts=8" })
public abstract class NotificationServiceTestSupport {

	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	protected DeliveryLog deliveries;

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("SMTP_PORT", () -> TestChannels.mail().smtpPort());
		registry.add("SMS_GATEWAY_URL", () -> TestChannels.sms().baseUrl());
	}

	protected static SmsGateway gateway() {
		return TestChannels.sms();
	}

	protected static List<SmsGateway.SmsMessage> smsTo(String phone) {
		return gateway().accepted().stream().filter((message) -> message.to().equals(phone)).toList();
	}

	protected Optional<Delivery> delivery(ComplaintRouted complaint) {
		List<Delivery> found = this.deliveries.findBy(complaint.caseId().value(), null);
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
	}

	/** Waits until the complaint's acknowledgement is sent, failed or skipped. */
	protected Delivery awaitFinal(ComplaintRouted complaint) {
		return await().atMost(TIMEOUT)
			.until(() -> delivery(complaint), (found) -> found.isPresent() && found.get().status().isFinal())
			.orElseThrow();
	}

}
