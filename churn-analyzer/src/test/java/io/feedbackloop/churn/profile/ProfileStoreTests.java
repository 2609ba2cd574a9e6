package io.feedbackloop.churn.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackReceived;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileStoreTests {

	@Autowired
	ProfileStore profiles;

	@Autowired
	MongoDatabase database;

	@Test
	void eventAppliedTwiceCountsOnceWhetherItCreatedTheProfileOrNot() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived first = CustomerEvents.feedback(customer, Channel.SMS);
		FeedbackReceived second = CustomerEvents.feedback(customer, Channel.PHONE);

		assertThat(apply(first)).isEqualTo(ProfileStore.Outcome.APPLIED);
		assertThat(apply(first)).isEqualTo(ProfileStore.Outcome.ALREADY_APPLIED);
		assertThat(apply(second)).isEqualTo(ProfileStore.Outcome.APPLIED);
		assertThat(apply(second)).isEqualTo(ProfileStore.Outcome.ALREADY_APPLIED);

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.contacts()).isEqualTo(2);
		assertThat(profile.contactsByChannel()).containsEntry("sms", 1L).containsEntry("phone", 1L);
	}

	@Test
	void eventsOfANewCustomerAppliedConcurrentlyAreEachCountedOnce() throws Exception {
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 10; round++) {
				CustomerId customer = CustomerEvents.newCustomer();
				CountDownLatch start = new CountDownLatch(1);
				List<Future<List<ProfileStore.Outcome>>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.APP);
					results.add(pool.submit(() -> {
						start.await();
						return List.of(apply(feedback), apply(feedback));
					}));
				}
				start.countDown();
				List<ProfileStore.Outcome> outcomes = new ArrayList<>();
				for (Future<List<ProfileStore.Outcome>> result : results) {
					outcomes.addAll(result.get(30, TimeUnit.SECONDS));
				}

				assertThat(outcomes).filteredOn((o) -> o == ProfileStore.Outcome.APPLIED).hasSize(threads);
				assertThat(this.profiles.find(customer).orElseThrow().contacts()).isEqualTo(threads);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void duplicateKeyFromAProfileCreatedConcurrentlyStillAppliesTheEvent() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived first = CustomerEvents.feedback(customer, Channel.SMS);
		FeedbackReceived second = CustomerEvents.feedback(customer, Channel.WEB);
		// Real MongoDB answers two concurrent upserts of one new _id with E11000 for the loser, even
		// though its event was never applied; the MongoDB-wire server serialises them, so it is staged.
		MongoCollection<Document> collection = this.database.getCollection(ProfileStore.COLLECTION);
		@SuppressWarnings("unchecked")
		MongoCollection<Document> racing = mock(MongoCollection.class, AdditionalAnswers.delegatesTo(collection));
		doThrow(new MongoWriteException(new WriteError(11000, "E11000 duplicate key error", new BsonDocument()),
				new ServerAddress()))
			.when(racing)
			.updateOne(any(Bson.class), any(Bson.class), any(UpdateOptions.class));
		MongoDatabase database = mock(MongoDatabase.class);
		given(database.getCollection(ProfileStore.COLLECTION)).willReturn(racing);
		ProfileStore losingTheRace = new ProfileStore(database, Clock.systemUTC(), ChurnProperties.defaults());
		apply(first);

		assertThat(losingTheRace.apply(customer, CustomerEvents.received(second).envelope().id(),
				ProfileChanges.received(second, ChurnProperties.defaults())))
			.isEqualTo(ProfileStore.Outcome.APPLIED);
		assertThat(losingTheRace.apply(customer, CustomerEvents.received(first).envelope().id(),
				ProfileChanges.received(first, ChurnProperties.defaults())))
			.isEqualTo(ProfileStore.Outcome.ALREADY_APPLIED);
		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.contacts()).isEqualTo(2);
		assertThat(profile.contactsByChannel()).containsEntry("sms", 1L).containsEntry("web", 1L);
	}

	@Test
	void onlyTheNewestEventIdsAreRemembered() {
		CustomerId customer = CustomerEvents.newCustomer();
		List<String> eventIds = new ArrayList<>();
		for (int i = 0; i < ProfileStore.REMEMBERED_EVENTS + 5; i++) {
			String eventId = UUID.randomUUID().toString();
			eventIds.add(eventId);
			this.profiles.apply(customer, eventId, ProfileChanges.received(CustomerEvents.feedback(customer, Channel.WEB), ChurnProperties.defaults()));
		}

		Document stored = this.database.getCollection(ProfileStore.COLLECTION)
			.find(Filters.eq("_id", customer.value()))
			.first();
		assertThat(stored.getList(ProfileFields.APPLIED_EVENT_IDS, String.class))
			.containsExactlyElementsOf(eventIds.subList(5, eventIds.size()));
		assertThat(this.profiles.find(customer).orElseThrow().contacts()).isEqualTo(ProfileStore.REMEMBERED_EVENTS + 5);
	}

	@Test
	void contactTimesKeepTheEarliestAndTheLatestWhateverTheOrderOfArrival() {
		CustomerId customer = CustomerEvents.newCustomer();
		Instant noon = Instant.parse("2026-11-22T12:00:00.456Z");
		for (Instant at : List.of(noon, noon.minus(Duration.ofDays(3)), noon.plus(Duration.ofHours(2)), noon)) {
			apply(CustomerEvents.feedback(customer, Channel.PHONE, at));
		}

		CustomerProfile profile = this.profiles.find(customer).orElseThrow();
		assertThat(profile.firstContactAt()).isEqualTo(noon.minus(Duration.ofDays(3)));
		assertThat(profile.lastContactAt()).isEqualTo(noon.plus(Duration.ofHours(2)));
		assertThat(profile.contacts()).isEqualTo(4);
	}

	@Test
	void categoryThatIsNotAFieldNameIsCountedUnderASafeKey() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.WEB);
		this.profiles.apply(customer, "e-1",
				ProfileChanges.classified(CustomerEvents.classifiedAsComplaint(feedback, "$5g.network").data()));

		assertThat(this.profiles.find(customer).orElseThrow().complaintsByCategory()).containsEntry("_5g_network", 1L);
	}

	private ProfileStore.Outcome apply(FeedbackReceived feedback) {
		return this.profiles.apply(feedback.customerId(), CustomerEvents.received(feedback).envelope().id(),
				ProfileChanges.received(feedback, ChurnProperties.defaults()));
	}

}
