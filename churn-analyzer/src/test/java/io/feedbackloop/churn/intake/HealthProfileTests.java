package io.feedbackloop.churn.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.analytics.SurveyAnswerLog;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileChanges;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.WinLossOutcome;
import io.feedbackloop.contracts.WinLossReason;
import io.feedbackloop.contracts.WinLossRecorded;
import io.feedbackloop.local.TestKafka;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthProfileTests {

	private static final Instant T0 = CustomerEvents.RECEIVED_AT;

	@Autowired
	ProfileEvents events;

	@Autowired
	ProfileStore profiles;

	@Autowired
	MongoDatabase database;

	@Test
	void reroutedCaseIsOneOpenComplaintAndClosingResolvesIt() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.SMS);
		this.events.apply(CustomerEvents.received(feedback));
		this.events.apply(CustomerEvents.classifiedAsComplaint(feedback, "billing"));
		this.events.apply(CustomerEvents.routed(feedback, "billing"));
		this.events.apply(CustomerEvents.rerouted(feedback, "network", 2));

		CustomerProfile open = this.profiles.find(customer).orElseThrow();
		assertThat(open.openComplaints()).isEqualTo(1);
		assertThat(open.health()).containsEntry("complaints", 1L).containsEntry("complaintOutcome", "unresolved");

		this.events.apply(CustomerEvents.responded(feedback, T0.plusSeconds(3600)));
		this.events.apply(CustomerEvents.statusChanged(feedback, CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED, 6,
				T0.plus(Duration.ofHours(30))));
		CustomerProfile closed = this.profiles.find(customer).orElseThrow();
		assertThat(closed.openComplaints()).isZero();
		assertThat(closed.health()).containsEntry("resolvedComplaints", 1L)
			.containsEntry("complaintOutcome", "resolved")
			.containsEntry("meanHoursToResolution", 30.0);
	}

	@Test
	void resolutionWithinTargetAndBreachesAndReopensAreKept() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived quick = CustomerEvents.feedback(customer, Channel.APP);
		this.events.apply(CustomerEvents.routed(quick, "network"));
		this.events.apply(CustomerEvents.statusChanged(quick, CaseStatus.ASSIGNED, CaseStatus.CLOSED, 3,
				T0.plus(Duration.ofHours(2))));
		this.events.apply(CustomerEvents.slaMet(quick, SlaTimerKind.RESOLUTION, T0.plus(Duration.ofHours(2))));
		assertThat(this.profiles.find(customer).orElseThrow().health()).containsEntry("complaintOutcome",
				"resolved-within-target");

		this.events.apply(CustomerEvents.slaBreached(quick, SlaTimerKind.FIRST_RESPONSE, "vip"));
		this.events.apply(CustomerEvents.statusChanged(quick, CaseStatus.CLOSED, CaseStatus.REOPENED, 4,
				T0.plus(Duration.ofHours(5))));
		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.slaBreaches()).isEqualTo(1);
		assertThat(profile.slaBreachesByTimer()).containsEntry("first-response", 1L);
		assertThat(profile.valueTier()).isEqualTo("vip");
		assertThat(profile.openComplaints()).isEqualTo(1);
		assertThat(profile.health()).containsEntry("reopenedCases", 1L)
			.containsEntry("complaintOutcome", "unresolved")
			.containsEntry("valueRank", 3);
	}

	@Test
	void mentionsOfCompetitorsAndPortingAndSurveyAnswersAreCounted() {
		CustomerId customer = CustomerEvents.newCustomer();
		this.events.apply(CustomerEvents.received(CustomerEvents.saying(customer, "信号太差了，我要携号转网到中国联通", T0)));
		this.events.apply(CustomerEvents.received(
				CustomerEvents.saying(customer, "I am switching to another carrier, China Telecom is cheaper", T0)));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyAnswer(customer, 2, T0.plusSeconds(60))));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.competitorMentions()).isEqualTo(2);
		assertThat(profile.competitorsNamed()).containsEntry("中国联通", 1L).containsEntry("China Telecom", 1L);
		assertThat(profile.portingMentions()).isEqualTo(2);
		assertThat(profile.health()).containsEntry("csatLast", 2).containsEntry("csatAverage", 2.0);
		assertThat(profile.contacts()).isEqualTo(3);
	}

	@Test
	void theOutcomeRecordedLastIsTheLastOutcomeWhicheverOrderTheirEventsWereAppliedIn() {
		CustomerId customer = CustomerEvents.newCustomer();
		// two records made a moment apart whose events reached the topic the other way round
		WinLossRecorded lost = winLoss(customer, WinLossOutcome.LOST, WinLossReason.PRICE, T0.plusSeconds(1));
		WinLossRecorded won = winLoss(customer, WinLossOutcome.WON, WinLossReason.COMPETITOR, T0.plusSeconds(2));
		this.profiles.apply(customer, "e-" + won.recordId(), ProfileChanges.winLoss(won));
		this.profiles.apply(customer, "e-" + lost.recordId(), ProfileChanges.winLoss(lost));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.lastOutcome()).isEqualTo("won");
		assertThat(profile.health()).containsEntry("retained", true);
		assertThat(this.profiles.document(customer).orElseThrow().getString("lastLossReason")).isEqualTo("price");
		assertThat(profile.wins()).isEqualTo(1);
		assertThat(profile.losses()).isEqualTo(1);
	}

	@Test
	void aLaterOutcomeStoredBeforeOutcomesWereKeptIsNotUndoneByAnOlderRecordAppliedAfter() {
		CustomerId customer = CustomerEvents.newCustomer();
		this.events.apply(CustomerEvents.received(CustomerEvents.saying(customer, "套餐怎么改", T0)));
		// as the version before kept a loss recorded at T0 + 2 s: its outcome, no outcomes list
		this.database.getCollection("customer_profiles")
			.updateOne(Filters.eq("_id", customer.value()),
					com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("lastOutcome", "lost"),
							com.mongodb.client.model.Updates.set("lastOutcomeAt", java.util.Date.from(T0.plusSeconds(2))),
							com.mongodb.client.model.Updates.set("lastLossReason", "price")));
		WinLossRecorded won = winLoss(customer, WinLossOutcome.WON, WinLossReason.COMPETITOR, T0.plusSeconds(1));

		this.profiles.apply(customer, "e-" + won.recordId(), ProfileChanges.winLoss(won));

		assertThat(this.profiles.find(customer).orElseThrow().lastOutcome()).isEqualTo("lost");
		assertThat(this.profiles.find(customer).orElseThrow().health()).containsEntry("retained", false);
		assertThat(this.profiles.document(customer).orElseThrow().getString("lastLossReason")).isEqualTo("price");
	}

	private static WinLossRecorded winLoss(CustomerId customer, WinLossOutcome outcome, WinLossReason reason,
			Instant at) {
		return new WinLossRecorded("WL-" + java.util.UUID.randomUUID(), customer, null, null, null, null, null,
				"mobile plan", outcome, reason, null, (outcome == WinLossOutcome.LOST) ? "call back" : null,
				(outcome == WinLossOutcome.WON) ? "good network" : null, "analyst-1", false, at);
	}

	@Test
	void aPhraseThatOnlyHoldsAPortingWordIsNoMention() {
		CustomerId customer = CustomerEvents.newCustomer();
		// 转网络部门: passed to the network department; 转网厅: sent to the web hall
		this.events.apply(CustomerEvents.received(
				CustomerEvents.saying(customer, "客服说要转网络部门处理，三天了没人管，又让我去转网厅办", T0)));
		this.events.apply(CustomerEvents.received(
				CustomerEvents.saying(customer, "还是没人管，转网络部门也没用，我要转网了", T0.plusSeconds(60))));
		// a true mention that a phrase overlaps: 携号转网 is not inside 转网站
		this.events.apply(CustomerEvents.received(
				CustomerEvents.saying(customer, "我要携号转网站在你们这边没用", T0.plusSeconds(120))));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.portingMentions()).isEqualTo(2);
		assertThat(profile.contacts()).isEqualTo(3);
	}

	@Test
	void theLastScoreIsThatOfTheAnswerGivenLastWhicheverEventCameFirst() {
		CustomerId customer = CustomerEvents.newCustomer();
		// given at T0 + 2 min, applied first; then one given a minute earlier, applied second
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyMetadata(customer, "nps", 9, T0.plusSeconds(120))));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyMetadata(customer, "nps", 2, T0.plusSeconds(60))));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyAnswer(customer, 5, T0.plusSeconds(30))));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyAnswer(customer, 1, T0)));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.health()).containsEntry("npsLast", 9)
			.containsEntry("npsCategory", "promoter")
			.containsEntry("csatLast", 5)
			.containsEntry("csatAverage", 3.0);
	}

	@Test
	void answersOffTheirSurveysScaleAreContactsButNotSurveyAnswers() {
		CustomerId customer = CustomerEvents.newCustomer();
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyMetadata(customer, "nps", 3, T0)));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyMetadata(customer, "ces", 7, T0.plusSeconds(1))));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyMetadata(customer, "nps", 42, T0.plusSeconds(2))));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyMetadata(customer, "csat", "0", T0.plusSeconds(3))));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyAnswer(customer, 7, 7, T0.plusSeconds(4))));
		this.events.apply(CustomerEvents.received(CustomerEvents.surveyAnswer(customer, 0, 5, T0.plusSeconds(5))));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.contacts()).isEqualTo(6);
		assertThat(profile.health()).containsEntry("npsLast", 3)
			.containsEntry("npsCategory", "detractor")
			.containsEntry("csatLast", null)
			.containsEntry("csatAverage", null);
		assertThat(this.database.getCollection(SurveyAnswerLog.COLLECTION)
			.find(Filters.eq("customerId", customer.value()))
			.map((d) -> d.getString("type") + " " + d.get("score"))
			.into(new ArrayList<>())).containsExactly("nps 3");
	}

	@Test
	void caseEventsFromTheBrokerReachTheProfile() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.PHONE);
		TestKafka.send(CustomerEvents.routed(feedback, "billing"));
		TestKafka.send(CustomerEvents.rerouted(feedback, "network", 2));
		TestKafka.send(CustomerEvents.slaBreached(feedback, SlaTimerKind.RESOLUTION, "gold"));
		TestKafka.send(CustomerEvents.statusChanged(feedback, CaseStatus.ASSIGNED, CaseStatus.CLOSED, 5,
				T0.plus(Duration.ofDays(4))));

		await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			CustomerProfile profile = this.profiles.find(customer).orElseThrow();
			assertThat(profile.slaBreaches()).isEqualTo(1);
			assertThat(profile.health()).containsAllEntriesOf(
					Map.of("complaints", 1L, "openComplaints", 0L, "complaintOutcome", "resolved"));
		});
		List<?> signals = (List<?>) this.profiles.find(customer).orElseThrow().risk().get("signals");
		assertThat(signals).isNotEmpty();
	}

}
