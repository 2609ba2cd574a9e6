package io.feedbackloop.churn.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.local.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person's correction of a case's classification ({@code complaint.reclassified.v1}) moves the case's
 * feedback record from what it was counted as to what it is, once, and the health and risk figures
 * that depend on the kind follow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CorrectionTests {

	@Autowired
	ProfileEvents events;

	@Autowired
	ProfileStore profiles;

	@Test
	void praiseCorrectedFromComplaintStopsCountingAsComplaintAndCountsAsPraiseAndARedeliveryChangesNothing() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.APP);
		CustomerEvents.complaint(feedback, "staff").forEach(TestKafka::send);
		await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			CustomerProfile complained = this.profiles.find(customer).orElseThrow();
			assertThat(complained.feedbackByKind()).containsEntry("complaint", 1L).containsEntry("praise", 0L);
			assertThat(complained.complaintsByCategory()).containsEntry("staff", 1L);
			assertThat(complained.health()).containsEntry("complaints", 1L).containsEntry("openComplaints", 1L);
			assertThat(signals(complained)).contains("complaints", "openComplaints");
		});

		// An agent reads "多亏这位客服耐心帮我处理好了" and decides it is praise: the case ends as invalid.
		Event<ComplaintReclassified> correction = CustomerEvents.reclassified(feedback, FeedbackKind.COMPLAINT, "staff",
				FeedbackKind.PRAISE, "staff", 2);
		TestKafka.send(correction);
		TestKafka.send(CustomerEvents.statusChanged(feedback, CaseStatus.TRIAGE, CaseStatus.INVALID, 2,
				CustomerEvents.RECEIVED_AT.plusSeconds(302)));

		await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			CustomerProfile corrected = this.profiles.find(customer).orElseThrow();
			assertThat(corrected.feedbackByKind()).containsEntry("complaint", 0L).containsEntry("praise", 1L);
			assertThat(corrected.complaintsByCategory()).containsEntry("staff", 0L);
			assertThat(corrected.openComplaints()).isZero();
			assertThat(corrected.health()).containsAllEntriesOf(Map.of("complaints", 0L, "openComplaints", 0L,
					"resolvedComplaints", 0L, "complaintOutcome", "none", "praise", 1L));
			assertThat(signals(corrected)).containsExactly("praise");
		});
		CustomerProfile corrected = this.profiles.find(customer).orElseThrow();

		// The correction delivered again (a redelivery, or the router's outbox publishing it twice), then
		// a later event of the same customer on the same partition: once that is applied, so was the repeat.
		TestKafka.send(correction);
		FeedbackReceived later = CustomerEvents.feedback(customer, Channel.SMS,
				CustomerEvents.RECEIVED_AT.plusSeconds(900));
		TestKafka.send(CustomerEvents.classifiedAsPraise(later));
		await().ignoreExceptions().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.profiles.find(customer).orElseThrow().feedbackByKind())
				.containsEntry("praise", 2L));
		CustomerProfile afterRepeat = this.profiles.find(customer).orElseThrow();
		assertThat(afterRepeat.feedbackByKind()).containsEntry("complaint", 0L);
		assertThat(afterRepeat.complaintsByCategory()).isEqualTo(corrected.complaintsByCategory());
		assertThat(afterRepeat.health()).containsEntry("complaints", 0L).containsEntry("praise", 2L);
		// Past the platform's processed_events too: the profile's own applied ids recognise it.
		assertThat(this.events.apply(correction)).contains(ProfileStore.Outcome.ALREADY_APPLIED);
		assertThat(this.profiles.find(customer).orElseThrow().feedbackByKind()).containsEntry("complaint", 0L)
			.containsEntry("praise", 2L);
	}

	@Test
	void categoryCorrectionMovesTheComplaintToTheNewCategoryAndASecondCorrectionMovesItOn() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.PHONE);
		CustomerEvents.complaint(feedback, "billing").forEach(TestKafka::send);
		TestKafka.send(CustomerEvents.reclassified(feedback, FeedbackKind.COMPLAINT, "billing", FeedbackKind.COMPLAINT,
				"network", 2));
		TestKafka.send(CustomerEvents.rerouted(feedback, "network", 2));

		await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			CustomerProfile profile = this.profiles.find(customer).orElseThrow();
			assertThat(profile.complaintsByCategory()).containsEntry("billing", 0L).containsEntry("network", 1L);
			assertThat(profile.feedbackByKind()).containsEntry("complaint", 1L);
			assertThat(profile.health()).containsEntry("complaints", 1L).containsEntry("openComplaints", 1L);
		});

		// A second correction of the same case starts from where the first left it.
		TestKafka.send(CustomerEvents.reclassified(feedback, FeedbackKind.COMPLAINT, "network", FeedbackKind.COMPLAINT,
				"broadband", 3));
		TestKafka.send(CustomerEvents.rerouted(feedback, "broadband", 3));
		await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			CustomerProfile profile = this.profiles.find(customer).orElseThrow();
			assertThat(profile.complaintsByCategory()).containsEntry("billing", 0L)
				.containsEntry("network", 0L)
				.containsEntry("broadband", 1L);
			assertThat(profile.feedbackByKind()).containsEntry("complaint", 1L);
			assertThat(profile.health()).containsEntry("complaints", 1L);
		});
	}

	@Test
	void suggestionCorrectedOnAReopenedCaseAndBackToAComplaintIsCountedWhereItEndedUp() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.WEB);
		this.events.apply(CustomerEvents.classifiedAsComplaint(feedback, "product"));
		this.events.apply(CustomerEvents.routed(feedback, "product"));
		this.events.apply(CustomerEvents.reclassified(feedback, FeedbackKind.COMPLAINT, "product",
				FeedbackKind.SUGGESTION, "product", 2));
		this.events.apply(CustomerEvents.statusChanged(feedback, CaseStatus.RECEIVED, CaseStatus.INVALID, 2,
				CustomerEvents.RECEIVED_AT.plusSeconds(302)));
		CustomerProfile suggestion = this.profiles.find(customer).orElseThrow();
		assertThat(suggestion.feedbackByKind()).containsEntry("complaint", 0L).containsEntry("suggestion", 1L);
		assertThat(suggestion.complaintsByCategory()).containsEntry("product", 0L);
		assertThat(suggestion.health()).containsEntry("complaints", 0L).containsEntry("complaintOutcome", "none");

		// The customer insists it was a complaint: the invalid case is reopened and corrected back.
		this.events.apply(CustomerEvents.statusChanged(feedback, CaseStatus.INVALID, CaseStatus.REOPENED, 3,
				CustomerEvents.RECEIVED_AT.plusSeconds(4000)));
		this.events.apply(CustomerEvents.reclassified(feedback, FeedbackKind.SUGGESTION, "product",
				FeedbackKind.COMPLAINT, "service", 4));
		this.events.apply(CustomerEvents.rerouted(feedback, "service", 2));
		CustomerProfile complaint = this.profiles.find(customer).orElseThrow();
		assertThat(complaint.feedbackByKind()).containsEntry("complaint", 1L).containsEntry("suggestion", 0L);
		assertThat(complaint.complaintsByCategory()).containsEntry("product", 0L).containsEntry("service", 1L);
		assertThat(complaint.health()).containsEntry("complaints", 1L)
			.containsEntry("openComplaints", 1L)
			.containsEntry("complaintOutcome", "unresolved");
	}

	@Test
	void theLastCaseIsTheLastComplaintCaseNotALaterCaseCorrectedToPraise() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived complaint = CustomerEvents.feedback(customer, Channel.PHONE, CustomerEvents.RECEIVED_AT);
		FeedbackReceived thanks = CustomerEvents.feedback(customer, Channel.APP,
				CustomerEvents.RECEIVED_AT.plusSeconds(3600));
		CustomerEvents.complaint(complaint, "network").forEach(this.events::apply);
		CustomerEvents.complaint(thanks, "staff").forEach(this.events::apply);
		assertThat(this.profiles.find(customer).orElseThrow().lastCaseId())
			.isEqualTo(CustomerEvents.caseFor(thanks).value());

		this.events.apply(CustomerEvents.reclassified(thanks, FeedbackKind.COMPLAINT, "staff", FeedbackKind.PRAISE,
				"staff", 2));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.lastCaseId()).isEqualTo(CustomerEvents.caseFor(complaint).value());
		assertThat(profile.health()).containsEntry("complaints", 1L).containsEntry("praise", 1L);
		assertThat(profile.feedbackByKind()).containsEntry("complaint", 1L).containsEntry("praise", 1L);
		assertThat(profile.complaintsByCategory()).containsEntry("network", 1L).containsEntry("staff", 0L);
	}

	/**
	 * complaint-router never writes a correction before the classification it corrects (one partition,
	 * in the case's order). Were they applied the other way round, the counters still come out right
	 * once both are: the changes are increments, which commute.
	 */
	@Test
	void correctionAppliedBeforeItsClassificationComesOutTheSameOnceBothAre() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.APP);
		this.events.apply(CustomerEvents.reclassified(feedback, FeedbackKind.COMPLAINT, "staff", FeedbackKind.PRAISE,
				"staff", 2));
		this.events.apply(CustomerEvents.statusChanged(feedback, CaseStatus.TRIAGE, CaseStatus.INVALID, 2,
				CustomerEvents.RECEIVED_AT.plusSeconds(302)));
		this.events.apply(CustomerEvents.classifiedAsComplaint(feedback, "staff"));
		this.events.apply(CustomerEvents.routed(feedback, "staff"));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.feedbackByKind()).containsEntry("complaint", 0L).containsEntry("praise", 1L);
		assertThat(profile.complaintsByCategory()).containsEntry("staff", 0L);
		assertThat(profile.health()).containsEntry("complaints", 0L).containsEntry("praise", 1L);
	}

	private static List<String> signals(CustomerProfile profile) {
		return Optional.ofNullable((List<?>) profile.risk().get("signals"))
			.orElse(List.of())
			.stream()
			.map((s) -> String.valueOf(((Map<?, ?>) s).get("signal")))
			.toList();
	}

}
