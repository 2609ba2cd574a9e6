package io.feedbackloop.churn.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.WinLossOutcome;
import io.feedbackloop.contracts.WinLossReason;
import io.feedbackloop.contracts.WinLossRecorded;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild's in-memory writer stores what the live store's server-side updates store: the same
 * fields, values and BSON types, over chunk boundaries, lists past their limits and repeated events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileBatchTests {

	private static final Instant T0 = CustomerEvents.RECEIVED_AT;

	@Autowired
	ProfileStore profiles;

	@Autowired
	MongoDatabase database;

	@Test
	void profilesChangedInMemoryAndWrittenInChunksEqualTheOnesUpdatedOnTheServer() {
		rebuiltEqualsLive(ProfileBatch.RECENT_PROFILES);
	}

	@Test
	void profilesReadBackFromTheServerBetweenChunksToo() {
		rebuiltEqualsLive(0);
	}

	private void rebuiltEqualsLive(int recentProfiles) {
		CustomerId customer = CustomerEvents.newCustomer();
		List<Change> story = new ArrayList<>();
		ChurnProperties properties = ChurnProperties.defaults();
		story.add(received(CustomerEvents.saying(customer, "联通的套餐比你们便宜，我想携号转网", T0), properties));
		for (int i = 0; i < 4; i++) {
			FeedbackReceived complaint = CustomerEvents.feedback(customer, (i % 2 == 0) ? Channel.SMS : Channel.APP,
					T0.plus(Duration.ofHours(i)));
			story.add(received(complaint, properties));
			story.add(change(CustomerEvents.classifiedAsComplaint(complaint, "billing"),
					ProfileChanges.classified(CustomerEvents.classifiedAsComplaint(complaint, "billing").data())));
			story.add(change(CustomerEvents.routed(complaint, "billing"),
					ProfileChanges.routed(CustomerEvents.routed(complaint, "billing").data())));
			story.add(change(CustomerEvents.rerouted(complaint, "network", 2),
					ProfileChanges.routed(CustomerEvents.rerouted(complaint, "network", 2).data())));
			story.add(change(CustomerEvents.responded(complaint, T0.plus(Duration.ofHours(i + 1))),
					ProfileChanges.responded(CustomerEvents.responded(complaint, T0.plus(Duration.ofHours(i + 1))).data())));
			story.add(change(CustomerEvents.slaBreached(complaint, SlaTimerKind.RESOLUTION, "gold"),
					ProfileChanges.slaBreached(CustomerEvents.slaBreached(complaint, SlaTimerKind.RESOLUTION, "gold").data())));
			if (i < 3) {
				Instant closed = T0.plus(Duration.ofHours(i + 20));
				story.add(change(CustomerEvents.statusChanged(complaint, CaseStatus.ASSIGNED, CaseStatus.CLOSED, 5, closed),
						ProfileChanges.statusChanged(CustomerEvents
							.statusChanged(complaint, CaseStatus.ASSIGNED, CaseStatus.CLOSED, 5, closed)
							.data())));
				story.add(change(CustomerEvents.slaMet(complaint, SlaTimerKind.RESOLUTION, closed),
						ProfileChanges.slaMet(CustomerEvents.slaMet(complaint, SlaTimerKind.RESOLUTION, closed).data())));
			}
			if (i == 1) {
				Instant reopened = T0.plus(Duration.ofDays(2));
				story.add(change(
						CustomerEvents.statusChanged(complaint, CaseStatus.CLOSED, CaseStatus.REOPENED, 6, reopened),
						ProfileChanges.statusChanged(CustomerEvents
							.statusChanged(complaint, CaseStatus.CLOSED, CaseStatus.REOPENED, 6, reopened)
							.data())));
			}
		}
		for (int i = 0; i < 25; i++) { // more answers than a profile keeps
			story.add(received(CustomerEvents.surveyAnswer(customer, 1 + (i % 5), T0.plus(Duration.ofDays(3 + i))),
					properties));
		}
		WinLossRecorded lost = new WinLossRecorded("WL-" + UUID.randomUUID(), customer, "王女士", "vip", "sales-1", null,
				null, "family plan", WinLossOutcome.LOST, WinLossReason.COMPETITOR, null, "a free month", null, "analyst-2",
				false, T0.plus(Duration.ofDays(40)));
		story.add(new Change("wl-" + lost.recordId(), ProfileChanges.winLoss(lost)));

		ProfileBatch batch = ProfileBatch.onlyWriterOf(
				this.database.getCollection("profiles_batch_" + UUID.randomUUID().toString().substring(0, 8)),
				Clock.systemUTC(), properties, recentProfiles);
		List<Boolean> appliedInMemory = new ArrayList<>();
		for (int i = 0; i < story.size(); i++) {
			Change c = story.get(i);
			this.profiles.apply(customer, c.eventId(), c.change());
			appliedInMemory.add(batch.apply(customer, c.eventId(), c.change()) != null);
			if (i % 7 == 6) {
				batch.flush(); // the next chunk reads the profile back
			}
			if (i % 11 == 10) {
				appliedInMemory.add(batch.apply(customer, c.eventId(), c.change()) != null); // a repeat
			}
		}
		batch.flush();

		assertThat(appliedInMemory.stream().filter((applied) -> applied)).hasSize(story.size());
		assertThat(appliedInMemory.stream().filter((applied) -> !applied)).hasSize(story.size() / 11);
		Document live = this.profiles.document(customer).orElseThrow();
		Document rebuilt = batch.collection().find(Filters.eq("_id", customer.value())).first();
		assertThat(rebuilt).isNotNull();
		live.remove("updatedAt");
		rebuilt.remove("updatedAt");
		assertThat(rebuilt).isEqualTo(live); // Long is not equal to Integer: the BSON types too
		assertThat(rebuilt.get("csatAnswers", List.class)).hasSize(ProfileChanges.SURVEY_ANSWERS);
	}

	private static Change received(FeedbackReceived feedback, ChurnProperties properties) {
		return change(CustomerEvents.received(feedback), ProfileChanges.received(feedback, properties));
	}

	private static Change change(Event<?> event, ProfileChange change) {
		return new Change(event.envelope().id(), change);
	}

	record Change(String eventId, ProfileChange change) {

	}

}
