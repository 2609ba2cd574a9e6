package io.feedbackloop.router.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.CaseTopic;
import io.feedbackloop.router.Cases;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case timers, driven by the clock they are given: the silence after the remedy closes a case,
 * and events a crash left unpublished are published by the relay. No waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseTimersTests {

	private static final Instant CARRIED_OUT = Instant.parse("2026-11-02T09:00:00Z");

	@Autowired
	CaseStore store;

	@Autowired
	CaseService cases;

	@Autowired
	CasesProperties properties;

	@Autowired
	CaseEventOutbox outbox;

	@Autowired
	MongoDatabase database;

	@Test
	void caseIsClosedOnlyOnceTheCustomerWasSilentForTheConfiguredPeriod() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.REMEDY_CARRIED_OUT, null, CARRIED_OUT,
				CARRIED_OUT.minus(Duration.ofDays(1)));
		Duration silence = this.properties.confirmationSilence();

		int closedEarly = closer(CARRIED_OUT.plus(silence).minusSeconds(1)).closeSilentCases();
		assertThat(this.store.find(c.caseId()).orElseThrow().status()).isEqualTo(CaseStatus.REMEDY_CARRIED_OUT);

		int closed = closer(CARRIED_OUT.plus(silence)).closeSilentCases();

		assertThat(closedEarly).isZero();
		assertThat(closed).isGreaterThanOrEqualTo(1);
		ComplaintCase after = this.store.find(c.caseId()).orElseThrow();
		assertThat(after.status()).isEqualTo(CaseStatus.CLOSED);
		ComplaintCase.HistoryEntry last = after.history().get(after.history().size() - 1);
		assertThat(last.actor()).isEqualTo("system");
		assertThat(last.at()).isEqualTo(CARRIED_OUT.plus(silence));
		assertThat(last.note()).contains("7 days without an answer from the customer");
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, c.caseId().value(), 1)).singleElement()
			.satisfies((e) -> {
				assertThat(e.actorRole()).isEqualTo("system");
				assertThat(e.toStatus()).isEqualTo(CaseStatus.CLOSED);
				assertThat(e.details()).containsEntry("closedBy", "silence");
				assertThat(e.changedAt()).isEqualTo(CARRIED_OUT.plus(silence));
			});
	}

	@Test
	void customerWhoCameBackAfterTheRemedyIsNotSilence() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.REMEDY_CARRIED_OUT, null, CARRIED_OUT,
				CARRIED_OUT.plus(Duration.ofDays(2)));

		closer(CARRIED_OUT.plus(Duration.ofDays(30))).closeSilentCases();

		assertThat(this.store.find(c.caseId()).orElseThrow().status()).isEqualTo(CaseStatus.REMEDY_CARRIED_OUT);
	}

	@Test
	void casesTheCustomerCameBackToDoNotHoldUpASilentOneBehindThem() {
		// Older than every other test's cases, so that these are the first pages.
		Instant carriedOut = Instant.parse("2001-03-01T09:00:00Z");
		List<ComplaintCase> cameBack = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			cameBack.add(Cases.stored(this.store, CaseStatus.REMEDY_CARRIED_OUT, null, carriedOut.plusSeconds(i % 2),
					carriedOut.plus(Duration.ofDays(2))));
		}
		ComplaintCase silent = Cases.stored(this.store, CaseStatus.REMEDY_CARRIED_OUT, null,
				carriedOut.plusSeconds(60), carriedOut.minus(Duration.ofDays(1)));
		Instant now = carriedOut.plus(Duration.ofDays(30));

		int closed = new SilenceCloser(this.store, this.cases, this.properties, Clock.fixed(now, ZoneOffset.UTC), 2)
			.closeSilentCases();

		assertThat(closed).isEqualTo(1);
		ComplaintCase after = this.store.find(silent.caseId()).orElseThrow();
		assertThat(after.status()).isEqualTo(CaseStatus.CLOSED);
		assertThat(after.history().get(after.history().size() - 1).at()).isEqualTo(now);
		assertThat(cameBack).allSatisfy((c) -> assertThat(this.store.find(c.caseId()).orElseThrow().status())
			.isEqualTo(CaseStatus.REMEDY_CARRIED_OUT));
	}

	@Test
	void closedCaseIsNotClosedAgainAndOtherStatusesAreLeftAlone() {
		ComplaintCase approved = Cases.stored(this.store, CaseStatus.REMEDY_APPROVED, null, CARRIED_OUT,
				CARRIED_OUT);

		closer(CARRIED_OUT.plus(Duration.ofDays(30))).closeSilentCases();

		assertThat(this.store.find(approved.caseId()).orElseThrow().version()).isEqualTo(1);
	}

	@Test
	void eventsACrashLeftInTheCaseArePublishedByTheRelay() {
		Instant longAgo = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
		ComplaintCase template = Cases.inStatus(CaseStatus.ASSIGNED, null, longAgo, longAgo);
		Event<ComplaintStatusChanged> unpublished = CaseEvents.statusChanged(template, CaseStatus.INVESTIGATING,
				new Actor("agent-li", "agent"), null, java.util.Map.of(), 2, longAgo);
		ComplaintCase c = this.store.openIfAbsent(template, List.of(unpublished));
		Instant justNow = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ComplaintCase fresh = Cases.inStatus(CaseStatus.ASSIGNED, null, justNow, justNow);
		this.store.openIfAbsent(fresh, List.of(CaseEvents.statusChanged(fresh, CaseStatus.INVESTIGATING,
				new Actor("agent-li", "agent"), null, java.util.Map.of(), 2, justNow)));

		this.outbox.relay();

		assertThat(this.store.pendingEvents(c.caseId())).isEmpty();
		// The scheduled relay may have published it too: always under the same id.
		assertThat(CaseTopic.ids(EventTypes.COMPLAINT_STATUS_CHANGED, c.caseId().value(), 1)).isNotEmpty()
			.containsOnly(unpublished.envelope().id());
		assertThat(this.store.pendingEvents(fresh.caseId())).as("younger than the relay interval: left to its writer")
			.hasSize(1);
		this.outbox.publishPending(fresh.caseId());
		assertThat(this.store.pendingEvents(fresh.caseId())).isEmpty();
	}

	@Test
	void aCaseWhoseEventCannotBeReadBackHoldsUpNoOtherCase() {
		Instant longAgo = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
		Actor agent = new Actor("agent-li", "agent");
		ComplaintCase broken = Cases.inStatus(CaseStatus.ASSIGNED, null, longAgo, longAgo);
		this.store.openIfAbsent(broken, List.of(CaseEvents.statusChanged(broken, CaseStatus.INVESTIGATING, agent, null,
				java.util.Map.of(), 2, longAgo)));
		// say, written by a later version of the service that knows an event type this one does not
		this.database.getCollection(CaseStore.COLLECTION)
			.updateOne(Filters.eq("_id", broken.caseId().value()),
					Updates.set(CaseStore.PENDING_EVENTS + ".0.type", "complaint.not-known-here.v1"));
		ComplaintCase fine = Cases.inStatus(CaseStatus.ASSIGNED, null, longAgo, longAgo);
		this.store.openIfAbsent(fine, List.of(CaseEvents.statusChanged(fine, CaseStatus.INVESTIGATING, agent, null,
				java.util.Map.of(), 2, longAgo)));
		try {
			this.outbox.relay();

			assertThat(this.store.pendingEvents(fine.caseId())).isEmpty();
			assertThat(CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, fine.caseId().value(), 1)).hasSize(1);
			assertThat(this.store.pendingEvents(broken.caseId())).as("kept, for a service that can read it")
				.hasSize(1);
		}
		finally {
			this.database.getCollection(CaseStore.COLLECTION).deleteOne(Filters.eq("_id", broken.caseId().value()));
		}
	}

	private SilenceCloser closer(Instant now) {
		return new SilenceCloser(this.store, this.cases, this.properties, Clock.fixed(now, ZoneOffset.UTC));
	}

}
