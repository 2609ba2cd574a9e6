package io.feedbackloop.churn.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.churn.risk.RiskWatch;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ChurnRiskRaised;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChurnRiskEpisodeTests {

	private static final Instant T0 = CustomerEvents.RECEIVED_AT;

	@Autowired
	ProfileEvents events;

	@Autowired
	ProfileStore profiles;

	@Autowired
	RiskWatch risk;

	@LocalServerPort
	int port;

	@Test
	void crossingTheThresholdWarnsOncePerEpisodeWithHysteresis() {
		CustomerId customer = CustomerEvents.newCustomer();
		List<FeedbackReceived> first = justBelowTheThreshold(customer);
		// a second breach: 55, the first warning
		breach(first.get(1), "standard");
		assertThat(score(customer)).isEqualTo(55);
		// a third: 63, still the same episode
		breach(first.get(2), "standard");
		// all closed: 9 + 24 = 33, between the thresholds: the episode stays open
		first.forEach((f) -> this.events.apply(CustomerEvents.statusChanged(f, CaseStatus.ASSIGNED, CaseStatus.CLOSED,
				5, T0.plus(Duration.ofDays(1)))));
		assertThat(score(customer)).isEqualTo(33);
		assertThat(this.profiles.find(customer).orElseThrow().riskEpisodeOpen()).isTrue();
		// praise: 28, below 30: the episode ends
		FeedbackReceived praise = CustomerEvents.feedback(customer, Channel.APP);
		this.events.apply(CustomerEvents.classifiedAsPraise(praise));
		assertThat(score(customer)).isEqualTo(28);
		assertThat(this.profiles.find(customer).orElseThrow().riskEpisodeOpen()).isFalse();
		// three new open complaints: a second episode
		complaints(customer, 3);
		assertThat(this.profiles.find(customer).orElseThrow().riskEpisodeOpen()).isTrue();

		List<ChurnRiskRaised> warnings = warnings(customer, 2);
		assertThat(warnings).extracting(ChurnRiskRaised::episode).containsExactly(1, 2);
		assertThat(warnings.get(0).score()).isEqualTo(55);
		assertThat(warnings.get(0).threshold()).isEqualTo(50);
		assertThat(warnings.get(0).signals()).extracting(ChurnRiskRaised.Contribution::signal,
				ChurnRiskRaised.Contribution::contribution)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("openComplaints", 30.0),
					org.assertj.core.groups.Tuple.tuple("slaBreaches", 16.0),
					org.assertj.core.groups.Tuple.tuple("complaints", 9.0));
	}

	@Test
	void scoreDocumentListsEachSignalsContributionAndPraiseLowersIt() {
		CustomerId customer = CustomerEvents.newCustomer();
		this.events.apply(CustomerEvents.received(CustomerEvents.saying(customer, "再这样我就携号转网", T0)));
		FeedbackReceived praise = CustomerEvents.feedback(customer, Channel.APP);
		this.events.apply(CustomerEvents.classifiedAsPraise(praise));

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.risk()).containsEntry("score", 20).containsEntry("level", "low");
		assertThat((List<?>) profile.risk().get("signals")).hasSize(2)
			.allSatisfy((s) -> assertThat(((Map<?, ?>) s).keySet()).extracting(Object::toString).contains("signal", "value", "weight", "contribution"));
	}

	@Test
	void atRiskListPutsTheMostValuableCustomerFirst() {
		CustomerId standard = CustomerEvents.newCustomer();
		CustomerId vip = CustomerEvents.newCustomer();
		List<FeedbackReceived> many = complaints(standard, 3);
		many.forEach((f) -> breach(f, "standard"));
		List<FeedbackReceived> fewer = complaints(vip, 3);
		breach(fewer.get(0), "vip");
		breach(fewer.get(1), "vip");
		assertThat(score(standard)).isGreaterThan(score(vip));

		Response atRisk = new StaffApiClient(this.port).get("/api/v1/at-risk?limit=1000", StaffApiClient.ANALYST);
		assertThat(atRisk.status()).as(atRisk.body()).isEqualTo(200);
		JsonNode list = atRisk.json();
		List<String> order = new ArrayList<>();
		list.forEach((entry) -> order.add(entry.path("customerId").asString()));
		assertThat(order).contains(vip.value(), standard.value());
		assertThat(order.indexOf(vip.value())).isLessThan(order.indexOf(standard.value()));
		JsonNode vipEntry = list.get(order.indexOf(vip.value()));
		assertThat(vipEntry.path("valueTier").asString()).isEqualTo("vip");
		assertThat(vipEntry.path("signals").size()).isPositive();
	}

	@Test
	void correctingAnOlderCaseLeavesTheNewerOneTheLastCaseInTheProfileTheWarningAndTheAtRiskList() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived older = CustomerEvents.feedback(customer, Channel.PHONE, T0);
		FeedbackReceived newer = CustomerEvents.feedback(customer, Channel.SMS, T0.plus(Duration.ofHours(1)));
		String newerCase = CustomerEvents.caseFor(newer).value();
		this.events.apply(CustomerEvents.routed(older, "billing"));
		this.events.apply(CustomerEvents.routed(newer, "network"));
		// The older case corrected (routed again) after the newer one was opened.
		this.events.apply(CustomerEvents.rerouted(older, "network", 2));
		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.lastCaseId()).isEqualTo(newerCase);
		assertThat(profile.lastComplaintAt()).isEqualTo(newer.receivedAt());
		assertThat(profile.openComplaints()).isEqualTo(2);

		// 2 open (20) + 2 complaints (6) + a breach on the older case (8) + porting (25) = 59: a warning
		breach(older, "gold");
		this.events.apply(CustomerEvents.received(CustomerEvents.saying(customer, "再这样我就携号转网", T0)));
		assertThat(score(customer)).isEqualTo(59);
		assertThat(this.profiles.find(customer).orElseThrow().lastCaseId()).isEqualTo(newerCase);
		assertThat(warnings(customer, 1)).singleElement()
			.satisfies((warning) -> assertThat(warning.lastCaseId()).isEqualTo(newerCase));

		Response atRisk = new StaffApiClient(this.port).get("/api/v1/at-risk?limit=1000", StaffApiClient.ANALYST);
		assertThat(atRisk.status()).as(atRisk.body()).isEqualTo(200);
		List<String> lastCases = new ArrayList<>();
		atRisk.json().forEach((entry) -> {
			if (customer.value().equals(entry.path("customerId").asString())) {
				lastCases.add(entry.path("lastCaseId").asString());
			}
		});
		assertThat(lastCases).containsExactly(newerCase);
	}

	@Test
	void aProfileReadBeforeAnotherEventChangedItMovesTheEpisodeOnlyAsEventsOneAfterTheOtherWould() {
		// Another consumer thread holds the profile as an earlier event left it, at 55; this thread's event
		// has since taken the stored score to 26, below leave-below: one after the other, the episode would
		// have opened and closed again. Nothing opens, nothing is published.
		CustomerId fallen = CustomerEvents.newCustomer();
		complaints(fallen, 2);
		assertThat(score(fallen)).isEqualTo(26);
		assertThat(this.risk.settle(this.profiles, fallen, withScore(fallen, 55), true)).isNull();
		assertThat(this.profiles.find(fallen).orElseThrow().riskEpisodeOpen()).isFalse();

		// Stored now at 47, inside the band: one after the other, 55 would have opened it and 47 kept it
		// open. It opens, with the score it crossed at.
		CustomerId inBand = CustomerEvents.newCustomer();
		justBelowTheThreshold(inBand);
		assertThat(this.risk.settle(this.profiles, inBand, withScore(inBand, 55), true)).isEqualTo(1);
		assertThat(this.profiles.find(inBand).orElseThrow().riskEpisodeOpen()).isTrue();
		assertThat(warnings(inBand, 1)).singleElement().satisfies((w) -> {
			assertThat(w.episode()).isEqualTo(1);
			assertThat(w.score()).isEqualTo(55);
		});

		// An open episode and a profile held at 10 while the stored score is back at 55, above enter-at:
		// it stays open (one after the other: closed, then a second warning at once).
		CustomerId risen = CustomerEvents.newCustomer();
		List<FeedbackReceived> open = justBelowTheThreshold(risen);
		breach(open.get(1), "standard");
		assertThat(score(risen)).isEqualTo(55);
		this.risk.settle(this.profiles, risen, withScore(risen, 10), true);
		assertThat(this.profiles.find(risen).orElseThrow().riskEpisodeOpen()).isTrue();
		assertThat(warnings(risen, 1)).hasSize(1);
	}

	/** The customer's stored profile as if read when its score was {@code score}. */
	private Document withScore(CustomerId customer, int score) {
		Document stale = this.profiles.document(customer).orElseThrow();
		stale.get("risk", Document.class).put("score", score);
		return stale;
	}

	@Test
	void anEpisodeMarkedButNotAnnouncedIsAnnouncedOnTheCustomersNextEvent() {
		CustomerId customer = CustomerEvents.newCustomer();
		List<FeedbackReceived> open = justBelowTheThreshold(customer);
		breach(open.get(1), "standard");
		assertThat(warnings(customer, 1)).hasSize(1);
		// as if the service died after marking the episode and before its warning reached Kafka
		this.profiles.collection()
			.updateOne(Filters.eq("_id", customer.value()), Updates.set("riskEpisode.announced", false));

		breach(open.get(2), "standard");

		assertThat(this.profiles.document(customer).orElseThrow().get("riskEpisode", Document.class)
			.getBoolean("announced")).isTrue();
		List<ChurnRiskRaised> warnings = warnings(customer, 2);
		assertThat(warnings).extracting(ChurnRiskRaised::episode).containsExactly(1, 1);
		assertThat(warnings).extracting(ChurnRiskRaised::score).containsExactly(55, 55);
	}

	/** 3 open complaints (30) + 3 complaints (9) + 1 breach (8) = 47: below 50. */
	private List<FeedbackReceived> justBelowTheThreshold(CustomerId customer) {
		List<FeedbackReceived> open = complaints(customer, 3);
		breach(open.get(0), "standard");
		assertThat(score(customer)).isEqualTo(47);
		return open;
	}

	private List<FeedbackReceived> complaints(CustomerId customer, int count) {
		List<FeedbackReceived> complaints = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.PHONE);
			this.events.apply(CustomerEvents.routed(feedback, "network"));
			complaints.add(feedback);
		}
		return complaints;
	}

	private void breach(FeedbackReceived feedback, String tier) {
		this.events.apply(CustomerEvents.slaBreached(feedback, SlaTimerKind.FIRST_RESPONSE, tier));
	}

	private int score(CustomerId customer) {
		return (Integer) this.profiles.find(customer).orElseThrow().risk().get("score");
	}

	private static List<ChurnRiskRaised> warnings(CustomerId customer, int expected) {
		List<ConsumerRecord<String, byte[]>> records = TestKafka.readByKey(Topics.CUSTOMER_SIGNALS.name(),
				customer.value(), expected);
		return records.stream()
			.filter((r) -> EventTypes.CUSTOMER_CHURN_RISK.name().equals(TestKafka.header(r, CloudEventHeaders.TYPE)))
			.map((r) -> EventCodec.decodeData(r.value(), ChurnRiskRaised.class))
			.toList();
	}

}
