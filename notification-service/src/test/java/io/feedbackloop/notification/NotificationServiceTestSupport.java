package io.feedbackloop.notification;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.local.SmsGateway;
import io.feedbackloop.notification.delivery.Audience;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The one application context of this module's integration tests: the real broker and database
 * (supplied by platform-local), the real SMTP server, SMS gateway, webhook receiver and stand-in for
 * feedback-ingest of {@link TestChannels}, the settable {@link TestClock}, and short retry waits so
 * that an outage and its recovery fit in a test. The department {@code billing} has staff contacts;
 * the others have none.
 */
@SpringBootTest(classes = { NotificationServiceApplication.class, TestClockConfiguration.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "feedbackloop.notification.outbox.poll-interval=100ms",
				"feedbackloop.notification.outbox.retry-initial=200ms",
				"feedbackloop.notification.outbox.retry-max=1s",
				"resilience4j.retry.configs.default.wait-duration=20ms",
				"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=1s",
				"feedbackloop.notification.pacing.daily-cap=3",
				"feedbackloop.notification.survey.base-url=https://care.example.test",
				"feedbackloop.notification.ingest.api-key=" + NotificationServiceTestSupport.INGEST_API_KEY,
				"feedbackloop.notification.staff.departments.billing.language=en",
				"feedbackloop.notification.staff.departments.billing.emails=billing-duty@example.com",
				"feedbackloop.notification.staff.departments.billing.escalation[1]=billing-lead@example.com",
				"feedbackloop.notification.staff.departments.billing.webhook.secret="
						+ NotificationServiceTestSupport.WEBHOOK_SECRET })
public abstract class NotificationServiceTestSupport {

	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	protected static final String WEBHOOK_SECRET = "billing-webhook-secret-0123456789";

	protected static final String INGEST_API_KEY = "test-notification-service-key";

	@Autowired
	protected DeliveryLog deliveries;

	@Autowired
	protected TestClock clock;

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("SMTP_PORT", () -> TestChannels.mail().smtpPort());
		registry.add("SMS_GATEWAY_URL", () -> TestChannels.sms().baseUrl());
		registry.add("FEEDBACK_INGEST_URL", () -> TestChannels.ingest().baseUrl());
		registry.add("feedbackloop.notification.staff.departments.billing.webhook.url",
				() -> TestChannels.webhook().baseUrl() + "/hooks/feedback");
	}

	protected static SmsGateway gateway() {
		return TestChannels.sms();
	}

	protected static List<SmsGateway.SmsMessage> smsTo(String phone) {
		return gateway().accepted().stream().filter((message) -> message.to().equals(phone)).toList();
	}

	/** The customer messages of a case, oldest first. */
	protected List<Delivery> customerDeliveries(String caseId) {
		return this.deliveries.findBy(caseId, null, Audience.CUSTOMER);
	}

	protected Optional<Delivery> delivery(ComplaintRouted complaint) {
		return delivery(complaint.caseId().value(), "acknowledgement");
	}

	protected Optional<Delivery> delivery(String caseId, String template) {
		return customerDeliveries(caseId).stream().filter((d) -> d.template().equals(template)).findFirst();
	}

	/** Waits until the complaint's acknowledgement is sent, failed or skipped. */
	protected Delivery awaitFinal(ComplaintRouted complaint) {
		return awaitFinal(complaint.caseId().value(), "acknowledgement");
	}

	/** Waits until the case's customer message of a template is sent, failed or skipped. */
	protected Delivery awaitFinal(String caseId, String template) {
		return await().atMost(TIMEOUT)
			.until(() -> delivery(caseId, template), (found) -> found.isPresent() && found.get().status().isFinal())
			.orElseThrow();
	}

}
