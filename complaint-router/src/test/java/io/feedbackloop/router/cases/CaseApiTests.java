package io.feedbackloop.router.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.router.CaseTopic;
import io.feedbackloop.router.Cases;
import io.feedbackloop.router.Feedbacks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.feedbackloop.router.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The case API as agents, supervisors, analysts and CRM systems use it: real HTTP, real API keys. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseApiTests {

	@LocalServerPort
	int port;

	@Autowired
	CaseStore store;

	StaffApiClient api;

	@BeforeEach
	void api() {
		this.api = new StaffApiClient(this.port);
	}

	@Test
	void complaintGoesThroughTheWholeProcessAndEveryStepIsInItsHistoryAndOnKafka() {
		FeedbackReceived feedback = Feedbacks.received(Channel.PHONE, "我要投诉，这个月话费被乱扣了58元，请退款", "zh");
		TestKafka.send(Feedbacks.event(feedback));
		String caseId = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.store.findByFeedback(feedback.feedbackId()), java.util.Optional::isPresent)
			.orElseThrow()
			.caseId()
			.value();
		Response opened = this.api.get("/api/v1/cases/" + caseId, StaffApiClient.AGENT);
		assertThat(opened.status()).isEqualTo(200);
		assertThat(opened.etag()).isEqualTo("\"1\"");
		assertThat(opened.json().path("status").asString()).isEqualTo("received");
		assertThat(opened.json().path("department").asString()).isEqualTo("billing");

		ok(transition(this.api, caseId, StaffApiClient.AGENT, "assigned", ""));
		ok(transition(this.api, caseId, StaffApiClient.AGENT, "investigating", ""));
		ok(transition(this.api, caseId, StaffApiClient.AGENT, "waiting-for-customer", "\"note\":\"asked for the bill number\""));
		ok(transition(this.api, caseId, StaffApiClient.AGENT, "investigating", "\"note\":\"customer sent it\""));
		ok(transition(this.api, caseId, StaffApiClient.AGENT, "remedy-proposed", """
				"cause":"value-added service subscribed without consent","responsibleParty":"billing",
				"remedy":"refund","note":"refund 58 yuan"
				"""));
		Response agentApproves = transition(this.api, caseId, StaffApiClient.AGENT, "remedy-approved", "");
		assertThat(agentApproves.status()).isEqualTo(403);
		assertThat(agentApproves.contentType()).startsWith("application/problem+json");
		assertThat(agentApproves.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/forbidden");
		ok(transition(this.api, caseId, StaffApiClient.SUPERVISOR, "remedy-approved", ""));
		ok(transition(this.api, caseId, StaffApiClient.AGENT, "remedy-carried-out", "\"medium\":\"sms\""));
		ok(transition(this.api, caseId, StaffApiClient.AGENT, "closed", "\"medium\":\"phone\",\"note\":\"the line was repaired\""));
		ok(transition(this.api, caseId, StaffApiClient.AGENT, "reopened", "\"note\":\"charged again next month\""));
		Response last = ok(transition(this.api, caseId, StaffApiClient.AGENT, "investigating", ""));

		JsonNode c = last.json();
		assertThat(last.etag()).isEqualTo("\"11\"");
		assertThat(c.path("assignee").asString()).isEqualTo("agent-li");
		assertThat(c.path("cause").asString()).isEqualTo("value-added service subscribed without consent");
		assertThat(c.path("remedy").asString()).isEqualTo("refund");
		assertThat(c.path("remedyApprovedBy").asString()).isEqualTo("supervisor-wang");
		List<String> steps = c.path("history")
			.valueStream()
			.filter((h) -> "transition".equals(h.path("action").asString()))
			.map((h) -> h.path("from").asString() + ">" + h.path("status").asString())
			.toList();
		assertThat(steps).containsExactly("received>assigned", "assigned>investigating",
				"investigating>waiting-for-customer", "waiting-for-customer>investigating",
				"investigating>remedy-proposed", "remedy-proposed>remedy-approved",
				"remedy-approved>remedy-carried-out", "remedy-carried-out>closed", "closed>reopened",
				"reopened>investigating");
		List<ComplaintStatusChanged> events = CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, caseId, 10);
		assertThat(events).extracting((e) -> e.fromStatus().wireName() + ">" + e.toStatus().wireName())
			.containsExactlyElementsOf(steps);
		assertThat(events).extracting(ComplaintStatusChanged::version)
			.containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
		assertThat(events.get(4).details()).containsEntry("remedy", "refund").containsEntry("cause",
				"value-added service subscribed without consent");
		assertThat(events.get(5).actorRole()).isEqualTo("supervisor");
		assertThat(events.get(7).details()).containsEntry("closedBy", "customer-confirmation");
		List<ComplaintResponded> responded = CaseTopic.events(EventTypes.COMPLAINT_RESPONDED, caseId, 1);
		assertThat(responded).singleElement().satisfies((r) -> {
			assertThat(r.firstResponse()).isTrue();
			assertThat(r.medium()).isEqualTo("sms");
			assertThat(r.agentId()).isEqualTo("agent-li");
		});
	}

	@Test
	void illegalTransitionIs409ProblemNamingTheCurrentStatus() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.RECEIVED, null);

		Response response = this.api.post("/api/v1/cases/" + c.caseId().value() + "/transitions", StaffApiClient.AGENT,
				"\"1\"", "{\"status\":\"closed\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/illegal-transition");
		assertThat(problem.path("currentStatus").asString()).isEqualTo("received");
		assertThat(problem.path("detail").asString()).contains("is received and cannot go to closed");
		assertThat(problem.path("allowed").valueStream().map(JsonNode::asString))
			.containsExactly("invalid", "assigned", "waiting-for-customer");
	}

	@Test
	void invalidComplaintKeepsThePoliteExplanationForTheCustomer() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.RECEIVED, null);
		String explanation = "您好，经核查该笔费用为您本人订购的国际漫游套餐，感谢您的反馈。";

		Response response = this.api.post("/api/v1/cases/" + c.caseId().value() + "/transitions", StaffApiClient.AGENT,
				"\"1\"", "{\"status\":\"invalid\",\"note\":\"" + explanation + "\"}");

		assertThat(response.status()).isEqualTo(200);
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, c.caseId().value(), 1)).singleElement()
			.satisfies((e) -> {
				assertThat(e.toStatus()).isEqualTo(CaseStatus.INVALID);
				assertThat(e.note()).isEqualTo(explanation);
			});
	}

	@Test
	void anEndedCaseTakesNoAnswersUntilItIsReopened() {
		for (CaseStatus ended : List.of(CaseStatus.INVALID, CaseStatus.CLOSED)) {
			ComplaintCase c = Cases.stored(this.store, ended, null);

			Response response = this.api.post("/api/v1/cases/" + c.caseId().value() + "/responses",
					StaffApiClient.AGENT, "\"1\"", "{\"medium\":\"phone\",\"note\":\"called the customer\"}");

			assertThat(response.status()).as(response.body()).isEqualTo(409);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/case-ended");
			assertThat(response.json().path("currentStatus").asString()).isEqualTo(ended.wireName());
			ComplaintCase after = this.store.find(c.caseId()).orElseThrow();
			assertThat(after.version()).isEqualTo(1);
			assertThat(after.responses()).isZero();
		}
	}

	@Test
	void resumingACasePausedFromAssignedKeepsItsAssignee() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.WAITING_FOR_CUSTOMER, CaseStatus.ASSIGNED);
		assertThat(c.assignee()).isEqualTo("agent-li");

		Response resumed = ok(transition(this.api, c.caseId().value(), StaffApiClient.OTHER_AGENT, "assigned", ""));

		assertThat(resumed.json().path("status").asString()).isEqualTo("assigned");
		assertThat(resumed.json().path("assignee").asString()).isEqualTo("agent-li");
	}

	@Test
	void takingACaseTheActorMayNotOwnWithoutNamingAnAssigneeIs400NamingTheField() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ComplaintCase received = Cases.inStatus(CaseStatus.RECEIVED, null, now, now);
		ComplaintCase c = this.store.openIfAbsent(
				received.withRouting(received.tier(), "billing", "supervisor", "rules[0]"), List.of());

		Response refused = transition(this.api, c.caseId().value(), StaffApiClient.AGENT, "assigned", "");

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/validation-failed");
		assertThat(refused.json().path("errors").valueStream().map((e) -> e.path("field").asString()))
			.containsExactly("assignee");
		assertThat(this.store.find(c.caseId()).orElseThrow().version()).isEqualTo(1);
		Response named = ok(transition(this.api, c.caseId().value(), StaffApiClient.AGENT, "assigned",
				"\"assignee\":\"supervisor-wang\""));
		assertThat(named.json().path("assignee").asString()).isEqualTo("supervisor-wang");
	}

	@Test
	void aCaseOwnedBySupervisorsIsWorkedOnlyBySupervisorsThoughAgentsMayAnswerTheCustomer() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		ComplaintCase received = Cases.inStatus(CaseStatus.RECEIVED, null, now, now);
		ComplaintCase c = this.store.openIfAbsent(
				received.withRouting("vip", "customer-service", "supervisor", "rules[0]"), List.of());
		String id = c.caseId().value();
		// handing it to a supervisor is open to the agent who picks it up
		ok(transition(this.api, id, StaffApiClient.AGENT, "assigned", "\"assignee\":\"supervisor-wang\""));

		Response agentInvestigates = transition(this.api, id, StaffApiClient.AGENT, "investigating", "");
		Response agentCorrects = this.api.put("/api/v1/cases/" + id + "/classification", StaffApiClient.AGENT, "\"2\"",
				"{\"category\":\"billing\",\"severity\":\"normal\",\"note\":\"not urgent\"}");

		assertThat(agentInvestigates.status()).as(agentInvestigates.body()).isEqualTo(403);
		assertThat(agentInvestigates.contentType()).startsWith("application/problem+json");
		assertThat(agentInvestigates.json().path("requiredRole").asString()).isEqualTo("supervisor");
		assertThat(agentInvestigates.json().path("detail").asString()).contains("owned by role supervisor");
		assertThat(agentCorrects.status()).as(agentCorrects.body()).isEqualTo(403);
		assertThat(agentCorrects.json().path("requiredRole").asString()).isEqualTo("supervisor");
		ComplaintCase unchanged = this.store.find(c.caseId()).orElseThrow();
		assertThat(unchanged.version()).isEqualTo(2);
		assertThat(unchanged.classification().category()).isEqualTo("network");

		Response agentAnswers = ok(this.api.post("/api/v1/cases/" + id + "/responses", StaffApiClient.AGENT, "\"2\"",
				"{\"medium\":\"phone\",\"note\":\"told the customer a supervisor has the case\"}"));
		Response supervisorInvestigates = ok(transition(this.api, id, StaffApiClient.SUPERVISOR, "investigating", ""));
		assertThat(agentAnswers.json().path("responses").asInt()).isEqualTo(1);
		assertThat(supervisorInvestigates.json().path("status").asString()).isEqualTo("investigating");
		assertThat(supervisorInvestigates.json().path("assignee").asString()).isEqualTo("supervisor-wang");
	}

	@Test
	void missingFieldIs400NamingIt() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.INVESTIGATING, null);

		Response response = this.api.post("/api/v1/cases/" + c.caseId().value() + "/transitions", StaffApiClient.AGENT,
				"\"1\"", "{\"status\":\"remedy-proposed\",\"remedy\":\"refund\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("errors").valueStream().map((e) -> e.path("field").asString()))
			.containsExactly("cause", "responsibleParty");
	}

	@Test
	void staleVersionIs409AndUpdateWithoutVersionIs428() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.ASSIGNED, null);
		String path = "/api/v1/cases/" + c.caseId().value() + "/transitions";
		ok(this.api.post(path, StaffApiClient.AGENT, "\"1\"", "{\"status\":\"investigating\"}"));

		Response stale = this.api.post(path, StaffApiClient.OTHER_AGENT, "\"1\"", "{\"status\":\"waiting-for-customer\"}");
		Response staleBody = this.api.post(path, StaffApiClient.OTHER_AGENT, null,
				"{\"status\":\"waiting-for-customer\",\"version\":1}");
		Response unversioned = this.api.post(path, StaffApiClient.OTHER_AGENT, null, "{\"status\":\"waiting-for-customer\"}");

		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/stale-version");
		assertThat(stale.json().path("currentVersion").asLong()).isEqualTo(2);
		assertThat(staleBody.status()).isEqualTo(409);
		assertThat(unversioned.status()).isEqualTo(428);
		assertThat(unversioned.contentType()).startsWith("application/problem+json");
		ComplaintCase after = this.store.find(c.caseId()).orElseThrow();
		assertThat(after.status()).isEqualTo(CaseStatus.INVESTIGATING);
		assertThat(after.version()).isEqualTo(2);
	}

	@Test
	void readsNeedAnApiKeyAndAnalystsOnlyRead() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.RECEIVED, null);
		String path = "/api/v1/cases/" + c.caseId().value();

		Response anonymous = this.api.get(path, null);
		Response wrongKey = this.api.get(path, "not-a-key");
		Response analystReads = this.api.get(path, StaffApiClient.ANALYST);
		Response analystWrites = this.api.post(path + "/transitions", StaffApiClient.ANALYST, "\"1\"",
				"{\"status\":\"assigned\"}");

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		assertThat(anonymous.json().path("detail").asString()).contains("X-API-Key");
		assertThat(wrongKey.status()).isEqualTo(401);
		assertThat(wrongKey.json().path("detail").asString()).contains("not valid");
		assertThat(analystReads.status()).isEqualTo(200);
		assertThat(analystWrites.status()).isEqualTo(403);
		assertThat(analystWrites.contentType()).startsWith("application/problem+json");
		assertThat(this.store.find(c.caseId()).orElseThrow().version()).isEqualTo(1);
	}

	@Test
	void aUrlTheFirewallRefusesIs400Problem() {
		Response response = this.api.get("/api/v1//cases?customerId=x", StaffApiClient.AGENT);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/request-rejected");
		assertThat(response.json().path("detail").asString()).contains("'//'");
	}

	@Test
	void unknownCaseIs404Problem() {
		Response response = this.api.get("/api/v1/cases/C000000-NOSUCHCASE", StaffApiClient.AGENT);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/not-found");
	}

	@Test
	void departmentQueueListsItsCasesInAStatus() {
		ComplaintCase c = Cases.stored(this.store, CaseStatus.REMEDY_APPROVED, null);

		Response queue = this.api.get("/api/v1/cases?department=network-operations&status=remedy-approved&limit=500",
				StaffApiClient.AGENT);
		Response badStatus = this.api.get("/api/v1/cases?status=done", StaffApiClient.AGENT);

		assertThat(queue.status()).isEqualTo(200);
		assertThat(queue.json().valueStream().map((n) -> n.path("caseId").asString())).contains(c.caseId().value());
		assertThat(queue.json().valueStream().map((n) -> n.path("status").asString())).containsOnly("remedy-approved");
		assertThat(badStatus.status()).isEqualTo(400);
		assertThat(badStatus.json().path("errors").get(0).path("field").asString()).isEqualTo("status");
	}

	@Test
	void aCustomersCasesAreListedForTheCrm() {
		ComplaintCase closed = Cases.stored(this.store, CaseStatus.CLOSED, null);
		Cases.stored(this.store, CaseStatus.RECEIVED, null);

		Response ofCustomer = this.api.get("/api/v1/cases?customerId=" + closed.customerId().value(), StaffApiClient.AGENT);

		assertThat(ofCustomer.status()).isEqualTo(200);
		assertThat(ofCustomer.json().valueStream().map((n) -> n.path("caseId").asString()))
			.containsExactly(closed.caseId().value());
	}

	private static Response ok(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

}
