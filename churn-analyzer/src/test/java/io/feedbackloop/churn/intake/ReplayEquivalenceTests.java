package io.feedbackloop.churn.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.churn.profile.CustomerProfile;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.WinLossOutcome;
import io.feedbackloop.contracts.WinLossReason;
import io.feedbackloop.contracts.WinLossRecorded;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analyzer's collections rebuilt from the real broker's topics, from the beginning, come out the
 * same as the ones the live consumers kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplayEquivalenceTests {

	private static final Instant T0 = CustomerEvents.RECEIVED_AT;

	@Autowired
	Rebuild rebuild;

	@Autowired
	ProfileStore profiles;

	@Autowired
	MongoDatabase database;

	@LocalServerPort
	int port;

	@Test
	void rebuiltCollectionsEqualTheLiveOnes() {
		CustomerId steady = CustomerEvents.newCustomer();
		FeedbackReceived complaint = CustomerEvents.saying(steady, "网络太差，联通都比你们好", T0);
		TestKafka.send(CustomerEvents.received(complaint));
		TestKafka.send(CustomerEvents.classifiedAsComplaint(complaint, "network"));
		TestKafka.send(CustomerEvents.routed(complaint, "network"));
		TestKafka.send(CustomerEvents.rerouted(complaint, "network", 2));
		TestKafka.send(CustomerEvents.slaBreached(complaint, SlaTimerKind.FIRST_RESPONSE, "gold"));
		TestKafka.send(CustomerEvents.statusChanged(complaint, CaseStatus.ASSIGNED, CaseStatus.CLOSED, 5,
				T0.plus(Duration.ofHours(20))));
		TestKafka.send(CustomerEvents.received(CustomerEvents.surveyAnswer(steady, 4, T0.plus(Duration.ofDays(1)))));
		WinLossRecorded kept = new WinLossRecorded("WL-" + UUID.randomUUID(), steady, "王女士", "gold", "sales-1", null,
				null, "family plan", WinLossOutcome.WON, WinLossReason.SERVICE_FAILURE, null, null, "fixed fast", "analyst-2",
				false, T0.plus(Duration.ofDays(2)));
		TestKafka.send(EventCodec.event(EventTypes.CUSTOMER_WIN_LOSS_RECORDED,
				EventCodec.derivedId(EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name(), kept.recordId()), "/churn-analyzer",
				kept.recordedAt(), kept.recordId(), steady, kept));

		CustomerId atRisk = CustomerEvents.newCustomer();
		for (int i = 0; i < 3; i++) {
			FeedbackReceived feedback = CustomerEvents.feedback(atRisk, Channel.SMS);
			TestKafka.send(CustomerEvents.routed(feedback, "billing"));
			TestKafka.send(CustomerEvents.slaBreached(feedback, SlaTimerKind.FIRST_RESPONSE, "vip"));
		}

		// A praise the classifier took for a complaint, corrected by an agent: the case ends as invalid.
		CustomerId praised = CustomerEvents.newCustomer();
		FeedbackReceived thanks = CustomerEvents.saying(praised, "多亏这位客服耐心帮我处理好了", T0);
		TestKafka.send(CustomerEvents.received(thanks));
		TestKafka.send(CustomerEvents.classifiedAsComplaint(thanks, "staff"));
		TestKafka.send(CustomerEvents.routed(thanks, "staff"));
		TestKafka.send(CustomerEvents.reclassified(thanks, FeedbackKind.COMPLAINT, "staff", FeedbackKind.PRAISE, "staff",
				2));
		TestKafka.send(CustomerEvents.statusChanged(thanks, CaseStatus.TRIAGE, CaseStatus.INVALID, 2,
				T0.plus(Duration.ofMinutes(5))));

		await().ignoreExceptions().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(this.profiles.find(praised).orElseThrow().health()).containsEntry("praise", 1L)
				.containsEntry("complaints", 0L);
			CustomerProfile profile = this.profiles.find(steady).orElseThrow();
			assertThat(profile.wins()).isEqualTo(1);
			assertThat(profile.health()).containsEntry("csatLast", 4).containsEntry("complaintOutcome", "resolved");
			assertThat(profile.contacts()).isEqualTo(2);
			assertThat(this.profiles.find(atRisk).orElseThrow().riskEpisodeOpen()).isTrue();
			assertThat(this.profiles.find(atRisk).orElseThrow().slaBreaches()).isEqualTo(3);
		});

		String suffix = "replay" + UUID.randomUUID().toString().substring(0, 8);
		Rebuild.Result result = this.rebuild.rebuildInto(suffix);

		assertThat(result.applied()).isGreaterThanOrEqualTo(14);
		for (CustomerId customer : List.of(steady, atRisk, praised)) {
			assertThat(comparable(find("customer_profiles_" + suffix, customer.value())))
				.as("rebuilt profile of %s", customer)
				.isEqualTo(comparable(find("customer_profiles", customer.value())));
		}
		assertThat(find("win_loss_" + suffix, kept.recordId())).isEqualTo(find("win_loss", kept.recordId()));
		assertThat(this.database.getCollection("survey_answers_" + suffix)
			.find(Filters.eq("customerId", steady.value()))
			.into(new java.util.ArrayList<>())).hasSize(1)
			.isEqualTo(this.database.getCollection("survey_answers")
				.find(Filters.eq("customerId", steady.value()))
				.into(new java.util.ArrayList<>()));
		Document rebuilt = find("customer_profiles_" + suffix, atRisk.value());
		assertThat(rebuilt.get("riskEpisode", Document.class).getInteger("number")).isEqualTo(1);
	}

	@Test
	void swapPutsTheRebuiltCollectionsInPlaceAndTheConsumersCarryOn() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived first = CustomerEvents.feedback(customer, Channel.WEB);
		TestKafka.send(CustomerEvents.received(first));
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.profiles.find(customer).orElseThrow().contacts()).isEqualTo(1));
		Document before = comparable(find("customer_profiles", customer.value()));

		Response rebuilt = new StaffApiClient(this.port).send("POST", "/api/v1/admin/rebuild?swap=true",
				StaffApiClient.SUPERVISOR, null, null);
		assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
		JsonNode result = rebuilt.json();

		String suffix = result.path("suffix").asString();
		assertThat(comparable(find("customer_profiles", customer.value()))).isEqualTo(before);
		assertThat(this.database.listCollectionNames().into(new java.util.ArrayList<>()))
			.contains("customer_profiles_replaced_" + suffix, "win_loss_replaced_" + suffix)
			.doesNotContain("customer_profiles_" + suffix);
		TestKafka.send(CustomerEvents.received(CustomerEvents.feedback(customer, Channel.SMS)));
		await().ignoreExceptions()
			.atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.profiles.find(customer).orElseThrow().contacts()).isEqualTo(2));
	}

	private Document find(String collection, String id) {
		Document found = this.database.getCollection(collection).find(Filters.eq("_id", id)).first();
		assertThat(found).as("%s in %s", id, collection).isNotNull();
		return found;
	}

	// When and in which interleaving of the topics it was written differs; what it says must not.
	private static Document comparable(Document profile) {
		Document copy = new Document(profile);
		copy.remove("updatedAt");
		copy.remove("appliedEventIds");
		copy.remove("revision");
		return copy;
	}

}
