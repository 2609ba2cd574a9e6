package io.feedbackloop.churn.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileEventsTests {

	@Autowired
	ProfileStore profiles;

	@Autowired
	ProfileEvents events;

	@Autowired
	MeterRegistry meters;

	@Test
	void complaintReceivedClassifiedAndRoutedBuildsTheProfile() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.SMS);
		TestKafka.send(CustomerEvents.received(feedback));
		TestKafka.send(CustomerEvents.classifiedAsComplaint(feedback, "billing"));
		TestKafka.send(CustomerEvents.routed(feedback, "billing"));

		CustomerProfile profile = awaitProfile(customer, (p) -> p.contacts() == 1 && p.openComplaints() == 1
				&& p.feedbackByKind().get("complaint") == 1);
		assertThat(profile.contactsByChannel()).containsEntry("sms", 1L)
			.containsEntry("phone", 0L)
			.containsEntry("web", 0L)
			.containsEntry("app", 0L);
		assertThat(profile.feedbackByKind()).containsEntry("complaint", 1L).containsEntry("praise", 0L);
		assertThat(profile.feedbackBySentiment()).containsEntry("negative", 1L);
		assertThat(profile.complaintsByCategory()).containsExactlyEntriesOf(Map.of("billing", 1L));
		assertThat(profile.firstContactAt()).isEqualTo(feedback.receivedAt());
		assertThat(profile.lastContactAt()).isEqualTo(feedback.receivedAt());
		assertThat(profile.lastComplaintAt()).isEqualTo(feedback.receivedAt());
		assertThat(profile.lastCaseId()).isEqualTo(CustomerEvents.caseFor(feedback).value());
	}

	@Test
	void contactsOnDifferentChannelsCountSeparatelyAndPraiseCountsAsPraise() {
		CustomerId customer = CustomerEvents.newCustomer();
		Instant earlier = CustomerEvents.RECEIVED_AT.minus(Duration.ofDays(2));
		FeedbackReceived complaint = CustomerEvents.feedback(customer, Channel.PHONE);
		FeedbackReceived praise = CustomerEvents.feedback(customer, Channel.APP, earlier);
		TestKafka.send(CustomerEvents.received(complaint));
		TestKafka.send(CustomerEvents.received(praise));
		TestKafka.send(CustomerEvents.classifiedAsComplaint(complaint, "network"));
		TestKafka.send(CustomerEvents.classifiedAsPraise(praise));

		CustomerProfile profile = awaitProfile(customer,
				(p) -> p.contacts() == 2 && p.feedbackByKind().get("praise") == 1
						&& p.feedbackByKind().get("complaint") == 1);
		assertThat(profile.contactsByChannel()).containsEntry("phone", 1L).containsEntry("app", 1L);
		assertThat(profile.feedbackBySentiment()).containsEntry("negative", 1L).containsEntry("positive", 1L);
		assertThat(profile.complaintsByCategory()).containsExactlyEntriesOf(Map.of("network", 1L));
		// Delivered second, received first: the earliest stays first whatever the order of arrival.
		assertThat(profile.firstContactAt()).isEqualTo(earlier);
		assertThat(profile.lastContactAt()).isEqualTo(complaint.receivedAt());
		assertThat(profile.openComplaints()).isZero();
	}

	@Test
	void sameEventDeliveredTwiceCountsOnce() {
		CustomerId customer = CustomerEvents.newCustomer();
		Event<FeedbackReceived> event = CustomerEvents.received(CustomerEvents.feedback(customer, Channel.SMS));
		double duplicatesBefore = duplicates(EventTypes.FEEDBACK_RECEIVED.name());
		TestKafka.send(event);
		TestKafka.send(event);
		// A later event of the same customer (same partition): once it counts, the repeat was consumed.
		TestKafka.send(CustomerEvents.received(CustomerEvents.feedback(customer, Channel.WEB)));

		CustomerProfile profile = awaitProfile(customer, (p) -> p.contactsByChannel().get("web") == 1);
		assertThat(profile.contacts()).isEqualTo(2);
		assertThat(profile.contactsByChannel()).containsEntry("sms", 1L);
		assertThat(duplicates(EventTypes.FEEDBACK_RECEIVED.name())).isGreaterThanOrEqualTo(duplicatesBefore + 1);
	}

	@Test
	void eventAppliedJustBeforeACrashCountsOnceWhenKafkaDeliversItAgain() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.PHONE);
		Event<?> routed = CustomerEvents.routed(feedback, "billing");
		// The profile was updated, then the process died before the event was marked processed.
		assertThat(this.events.apply(CustomerEvents.received(feedback))).contains(ProfileStore.Outcome.APPLIED);
		assertThat(this.events.apply(routed)).contains(ProfileStore.Outcome.APPLIED);
		double duplicatesBefore = duplicates(EventTypes.COMPLAINT_ROUTED.name());

		TestKafka.send(CustomerEvents.received(feedback));
		TestKafka.send(routed);
		TestKafka.send(CustomerEvents.received(CustomerEvents.feedback(customer, Channel.WEB)));
		TestKafka.send(CustomerEvents.classifiedAsComplaint(feedback, "billing"));

		CustomerProfile profile = awaitProfile(customer,
				(p) -> p.contactsByChannel().get("web") == 1 && p.feedbackByKind().get("complaint") == 1);
		assertThat(profile.contacts()).isEqualTo(2);
		assertThat(profile.contactsByChannel()).containsEntry("phone", 1L);
		assertThat(profile.openComplaints()).isEqualTo(1);
		assertThat(duplicates(EventTypes.COMPLAINT_ROUTED.name())).isGreaterThanOrEqualTo(duplicatesBefore + 1);
	}

	@Test
	void unreadableEventGoesToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.WEB);
		byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
		TestKafka.send(Topics.FEEDBACK_INTAKE.name(), customer.value(),
				CustomerEvents.received(feedback).envelope().toHeaders(), garbage);
		TestKafka.send(Topics.COMPLAINT_CASES.name(), customer.value(),
				CustomerEvents.routed(feedback, "billing").envelope().toHeaders(), garbage);
		TestKafka.send(CustomerEvents.received(feedback));
		TestKafka.send(CustomerEvents.routed(feedback, "billing"));

		List<ConsumerRecord<String, byte[]>> dead = TestKafka.readByKey(Topics.CHURN_ANALYZER_DLQ.name(),
				customer.value(), 2);
		assertThat(dead).hasSize(2);
		assertThat(dead).extracting((r) -> TestKafka.header(r, "x-exception-message"))
			.anySatisfy((reason) -> assertThat(reason).contains("not a valid FeedbackReceived"))
			.anySatisfy((reason) -> assertThat(reason).contains("not a valid ComplaintRouted"));
		assertThat(dead).allSatisfy((r) -> assertThat(r.value()).isEqualTo(garbage));
		CustomerProfile profile = awaitProfile(customer, (p) -> p.contacts() == 1 && p.openComplaints() == 1);
		assertThat(profile.contactsByChannel()).containsEntry("web", 1L);
	}

	@Test
	void eventTypesTheProfileDoesNotFollowAreIgnoredNotDeadLettered() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.APP);
		Map<String, byte[]> headers = new LinkedHashMap<>(
				CustomerEvents.routed(feedback, "billing").envelope().toHeaders());
		headers.put(CloudEventHeaders.TYPE, "complaint.resolved.v1".getBytes(StandardCharsets.UTF_8));
		TestKafka.send(Topics.COMPLAINT_CASES.name(), customer.value(), headers,
				"{\"caseId\":\"C1\",\"resolution\":\"refund\"}".getBytes(StandardCharsets.UTF_8));
		// A known type on the wrong topic is not this binding's either: counted once, from feedback.intake.
		Event<FeedbackReceived> received = CustomerEvents.received(feedback);
		TestKafka.send(Topics.COMPLAINT_CASES.name(), customer.value(), received.envelope().toHeaders(),
				EventCodec.encode(received.data()));
		TestKafka.send(CustomerEvents.routed(feedback, "billing"));
		TestKafka.send(received);

		CustomerProfile profile = awaitProfile(customer, (p) -> p.openComplaints() == 1 && p.contacts() == 1);
		assertThat(profile.contactsByChannel()).containsEntry("app", 1L);
		List<ConsumerRecord<String, byte[]>> dead = TestKafka.read(Topics.CHURN_ANALYZER_DLQ.name(),
				(r) -> customer.value().equals(r.key()), (found) -> !found.isEmpty(), Duration.ofSeconds(3));
		assertThat(dead).isEmpty();
	}

	private CustomerProfile awaitProfile(CustomerId customer, Predicate<CustomerProfile> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.profiles.find(customer), (found) -> found.filter(condition).isPresent())
			.orElseThrow();
	}

	private double duplicates(String type) {
		Counter counter = this.meters.find("feedbackloop.churn.events.duplicate").tag("type", type).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
