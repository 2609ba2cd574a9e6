package io.feedbackloop.router.cases;

import java.util.List;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.CaseTopic;
import io.feedbackloop.router.Cases;
import io.feedbackloop.router.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every one of the 121 (from, to) pairs tried on a stored case: the legal ones change the case, write
 * the history and publish {@code complaint.status-changed.v1}; the illegal ones are refused naming the
 * current status and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseTransitionTests {

	private static final Actor SUPERVISOR = new Actor("supervisor-wang", "supervisor");

	private static final Actor AGENT = new Actor("agent-li", "agent");

	@Autowired
	CaseService cases;

	@Autowired
	CaseStore store;

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("io.feedbackloop.router.cases.CaseLifecycleTests#allPairs")
	void everyPairIsAppliedWhenLegalAndRefusedNamingTheCurrentStatusWhenNot(CaseStatus from, CaseStatus to) {
		boolean legal = CaseLifecycleTests.legal().contains(from.wireName() + " -> " + to.wireName());
		// A paused case resumes to where it paused; for each legal resume, pause it from there.
		CaseStatus pausedFrom = (from == CaseStatus.WAITING_FOR_CUSTOMER)
				? (legal ? to : CaseStatus.INVESTIGATING) : null;
		ComplaintCase c = Cases.stored(this.store, from, pausedFrom);
		Transition everything = new Transition(to, "explained to the customer", null, "base station maintenance",
				"network-operations", "compensation", "phone");

		if (!legal || CaseLifecycle.who(from, to) == CaseLifecycle.Who.CLASSIFICATION) {
			assertThatExceptionOfType(IllegalTransitionException.class)
				.isThrownBy(() -> this.cases.transition(c.caseId(), 1, everything, SUPERVISOR))
				.satisfies((ex) -> assertThat(ex.current()).isEqualTo(from))
				.withMessageContaining("is " + from.wireName() + " and cannot go to " + to.wireName())
				.satisfies((ex) -> assertThat(ex.problem().getProperties()).containsEntry("currentStatus",
						from.wireName()));
			ComplaintCase unchanged = this.store.find(c.caseId()).orElseThrow();
			assertThat(unchanged.status()).isEqualTo(from);
			assertThat(unchanged.version()).isEqualTo(1);
			assertThat(unchanged.history()).hasSize(1);
			return;
		}

		ComplaintCase after = this.cases.transition(c.caseId(), 1, everything, SUPERVISOR);

		assertThat(after.status()).isEqualTo(to);
		assertThat(after.version()).isEqualTo(2);
		assertThat(after.pausedFrom()).isEqualTo((to == CaseStatus.WAITING_FOR_CUSTOMER) ? from : null);
		ComplaintCase.HistoryEntry last = after.history().stream()
			.filter((h) -> ComplaintCase.HistoryEntry.TRANSITION.equals(h.action()))
			.reduce((a, b) -> b)
			.orElseThrow();
		assertThat(last.from()).isEqualTo(from);
		assertThat(last.status()).isEqualTo(to);
		assertThat(last.actor()).isEqualTo("supervisor-wang");
		assertThat(this.store.find(c.caseId()).orElseThrow()).isEqualTo(after);
		List<ComplaintStatusChanged> published = CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED,
				c.caseId().value(), 1);
		assertThat(published).singleElement().satisfies((e) -> {
			assertThat(e.fromStatus()).isEqualTo(from);
			assertThat(e.toStatus()).isEqualTo(to);
			assertThat(e.version()).isEqualTo(2);
			assertThat(e.actorId()).isEqualTo("supervisor-wang");
			assertThat(e.actorRole()).isEqualTo("supervisor");
		});
	}

	@Test
	void pausedCaseResumesOnlyToTheStatusItPausedFrom() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.WAITING_FOR_CUSTOMER, CaseStatus.ASSIGNED);

		assertThatExceptionOfType(IllegalTransitionException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1, Transition.to(CaseStatus.INVESTIGATING, null), AGENT))
			.withMessageContaining("is waiting-for-customer and cannot go to investigating")
			.withMessageContaining("resumes to assigned")
			.satisfies((ex) -> assertThat(ex.problem().getProperties()).containsEntry("allowed", List.of("assigned")));
		assertThat(this.cases.transition(c.caseId(), 1, Transition.to(CaseStatus.ASSIGNED, null), AGENT).status())
			.isEqualTo(CaseStatus.ASSIGNED);
	}

	@Test
	void resumingNeitherApprovesAgainNorAsksForWhatTheCaseHas() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.REMEDY_PROPOSED, null);
		this.cases.transition(c.caseId(), 1, Transition.to(CaseStatus.REMEDY_APPROVED, null), SUPERVISOR);
		this.cases.transition(c.caseId(), 2, Transition.to(CaseStatus.WAITING_FOR_CUSTOMER, "bank details?"), AGENT);

		ComplaintCase resumed = this.cases.transition(c.caseId(), 3, Transition.to(CaseStatus.REMEDY_APPROVED, null),
				AGENT);

		assertThat(resumed.status()).isEqualTo(CaseStatus.REMEDY_APPROVED);
		assertThat(resumed.remedyApprovedBy()).isEqualTo("supervisor-wang");
		assertThat(resumed.history().get(resumed.history().size() - 1).details()).containsEntry("resumed", "true");
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, c.caseId().value(), 3))
			.extracting(ComplaintStatusChanged::actorId)
			.containsExactly("supervisor-wang", "agent-li", "agent-li");

		ComplaintCase proposed = Cases.stored(this.store, CaseStatus.WAITING_FOR_CUSTOMER, CaseStatus.REMEDY_PROPOSED);
		ComplaintCase back = this.cases.transition(proposed.caseId(), 1,
				Transition.to(CaseStatus.REMEDY_PROPOSED, null), AGENT);
		assertThat(back.cause()).isEqualTo(proposed.cause());
		assertThat(back.remedy()).isEqualTo("compensation");
	}

	@Test
	void aNoteLongerThanAHistoryShouldHoldIsRefused() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.RECEIVED, null);

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1,
					Transition.to(CaseStatus.INVALID, "x".repeat(CaseService.MAX_TEXT + 1)), AGENT))
			.satisfies((ex) -> assertThat(ex.errors()).extracting((e) -> e.field()).containsExactly("note"))
			.withMessageContaining("at most " + CaseService.MAX_TEXT);
		assertThat(this.cases.transition(c.caseId(), 1,
				Transition.to(CaseStatus.INVALID, "x".repeat(CaseService.MAX_TEXT)), AGENT).status())
			.isEqualTo(CaseStatus.INVALID);
	}

	@Test
	void onlyASupervisorApprovesOrRejectsARemedy() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.REMEDY_PROPOSED, null);

		assertThatExceptionOfType(ForbiddenActionException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1, Transition.to(CaseStatus.REMEDY_APPROVED, null), AGENT))
			.withMessageContaining("Only a supervisor may approve a remedy");
		assertThatExceptionOfType(ForbiddenActionException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1, Transition.to(CaseStatus.INVESTIGATING, "no"), AGENT))
			.withMessageContaining("Only a supervisor may reject a proposed remedy");
		assertThatExceptionOfType(ForbiddenActionException.class).isThrownBy(() -> this.cases.transition(c.caseId(), 1,
				Transition.to(CaseStatus.WAITING_FOR_CUSTOMER, null), new Actor("analyst-zhao", "analyst")));
		assertThat(this.store.find(c.caseId()).orElseThrow().version()).isEqualTo(1);

		ComplaintCase approved = this.cases.transition(c.caseId(), 1, Transition.to(CaseStatus.REMEDY_APPROVED, null),
				SUPERVISOR);
		assertThat(approved.remedyApprovedBy()).isEqualTo("supervisor-wang");
	}

	@ParameterizedTest(name = "{0} -> {1} without {2}")
	@CsvSource(textBlock = """
			received,           invalid,            note
			investigating,      remedy-proposed,    cause
			investigating,      remedy-proposed,    responsibleParty
			investigating,      remedy-proposed,    remedy
			remedy-proposed,    investigating,      note
			remedy-approved,    remedy-carried-out, medium
			remedy-carried-out, investigating,      note
			remedy-carried-out, closed,             medium
			closed,             reopened,           note
			invalid,            reopened,           note
			""")
	void stepIsRefusedNamingTheFieldItNeeds(String from, String to, String missing) {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.fromWire(from), null);
		Transition request = new Transition(CaseStatus.fromWire(to), "note".equals(missing) ? null : "a reason", null,
				"cause".equals(missing) ? null : "a cause", "responsibleParty".equals(missing) ? null : "billing",
				"remedy".equals(missing) ? " " : "refund", "medium".equals(missing) ? null : "sms");

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1, request, SUPERVISOR))
			.satisfies((ex) -> assertThat(ex.errors()).extracting((e) -> e.field()).containsExactly(missing));
		assertThat(this.store.find(c.caseId()).orElseThrow().version()).isEqualTo(1);
	}

	@Test
	void unknownRemedyAndMediumAreRefusedListingTheKnownOnes() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.INVESTIGATING, null);

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1, new Transition(CaseStatus.REMEDY_PROPOSED, null,
					null, "cause", "party", "apology", null), AGENT))
			.withMessageContaining("unknown remedy 'apology'")
			.withMessageContaining("refund, exchange, repair, discount, compensation, explanation");
		ComplaintCase approved = Cases.stored(this.store, CaseStatus.REMEDY_APPROVED, null);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.cases.transition(approved.caseId(), 1, new Transition(CaseStatus.REMEDY_CARRIED_OUT,
					null, null, null, null, null, "pigeon"), AGENT))
			.withMessageContaining("unknown medium 'pigeon'");
	}

	@Test
	void assigningToSomeoneWhoMayNotOwnTheCaseIsRefused() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.RECEIVED, null);

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1,
					new Transition(CaseStatus.ASSIGNED, null, "analyst-zhao", null, null, null, null), SUPERVISOR))
			.withMessageContaining("'analyst-zhao' may not own this case");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.cases.transition(c.caseId(), 1,
					new Transition(CaseStatus.ASSIGNED, null, "nobody", null, null, null, null), SUPERVISOR))
			.withMessageContaining("'nobody' is not a user of this service");

		ComplaintCase assigned = this.cases.transition(c.caseId(), 1,
				new Transition(CaseStatus.ASSIGNED, null, "agent-chen", null, null, null, null), SUPERVISOR);
		assertThat(assigned.assignee()).isEqualTo("agent-chen");
	}

	@Test
	void carryingOutTheRemedyTellsTheCustomerAndCountsAsTheFirstResponse() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.REMEDY_APPROVED, null);

		ComplaintCase carriedOut = this.cases.transition(c.caseId(), 1,
				new Transition(CaseStatus.REMEDY_CARRIED_OUT, "refunded 50 yuan", null, null, null, null, "sms"), AGENT);
		ComplaintCase answeredAgain = this.cases.respond(c.caseId(), 2, "phone", "called back", AGENT);

		assertThat(carriedOut.firstRespondedAt()).isNotNull();
		assertThat(answeredAgain.responses()).isEqualTo(2);
		assertThat(answeredAgain.firstRespondedAt()).isEqualTo(carriedOut.firstRespondedAt());
		List<ComplaintResponded> responses = CaseTopic.events(EventTypes.COMPLAINT_RESPONDED, c.caseId().value(), 2);
		assertThat(responses).extracting(ComplaintResponded::medium, ComplaintResponded::firstResponse)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sms", true),
					org.assertj.core.groups.Tuple.tuple("phone", false));
		assertThat(responses).extracting(ComplaintResponded::status)
			.containsExactly(CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.REMEDY_CARRIED_OUT);
		// each answer is in the history under the status the case had once answered
		assertThat(answeredAgain.history())
			.filteredOn((h) -> ComplaintCase.HistoryEntry.RESPONDED.equals(h.action()))
			.extracting(ComplaintCase.HistoryEntry::status, (h) -> h.details().get("medium"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(CaseStatus.REMEDY_CARRIED_OUT, "sms"),
					org.assertj.core.groups.Tuple.tuple(CaseStatus.REMEDY_CARRIED_OUT, "phone"));
	}

}
