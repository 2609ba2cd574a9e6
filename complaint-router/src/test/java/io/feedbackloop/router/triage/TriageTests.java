package io.feedbackloop.router.triage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.router.CaseTopic;
import io.feedbackloop.router.Cases;
import io.feedbackloop.router.Feedbacks;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.routing.Router;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static io.feedbackloop.router.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;

/**
 * What the classifier is unsure of waits in the manual triage queue until a person decides; every
 * person's decision re-routes the case and becomes a training example.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TriageTests {

	@LocalServerPort
	int port;

	@Autowired
	CaseStore cases;

	@Autowired
	MongoDatabase database;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TrainingExamples trainingExamples;

	@MockitoSpyBean
	Router router;

	StaffApiClient api;

	@BeforeEach
	void api() {
		this.api = new StaffApiClient(this.port);
	}

	@Test
	void unsureComplaintWaitsInTriageUntilAPersonSetsItsCategoryThenMovesOnRerouted() {
		// No cue the classifier knows: a complaint by default, with a confidence below the floor.
		FeedbackReceived feedback = Feedbacks.received(Channel.APP, "家里那个盒子的灯又一闪一闪的，上周也是这样", "zh");
		TestKafka.send(Feedbacks.event(feedback));
		ComplaintCase waiting = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.findByFeedback(feedback.feedbackId()), Optional::isPresent)
			.orElseThrow();
		String caseId = waiting.caseId().value();
		assertThat(waiting.status()).isEqualTo(CaseStatus.TRIAGE);
		assertThat(waiting.classification().confidence()).isLessThan(0.5);
		double sentimentConfidence = waiting.classification().confidences().get("sentiment");
		assertThat(waiting.classification().confidences()).containsOnlyKeys("kind", "category", "sentiment");
		assertThat(waiting.department()).isEqualTo("customer-service");
		assertThat(queue()).contains(caseId);
		// What the classification dashboard shows: the queue's length and the low confidence.
		assertThat(this.meters.get("feedbackloop.router.triage.queue").gauge().value()).isGreaterThanOrEqualTo(1);
		String scrape = this.api.get("/actuator/prometheus", null).body();
		assertThat(scrape.lines().filter((line) -> line.startsWith("feedbackloop_router_classification_confidence_bucket")
				&& line.contains("kind=\"complaint\"") && line.contains("le=\"50.0\""))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
			.singleElement()
			.satisfies((below) -> assertThat(below).isGreaterThanOrEqualTo(1));

		Response plainTransition = transition(this.api, caseId, StaffApiClient.AGENT, "assigned", "");
		assertThat(plainTransition.status()).isEqualTo(409);
		assertThat(plainTransition.json().path("currentStatus").asString()).isEqualTo("triage");
		assertThat(plainTransition.json().path("detail").asString()).contains("/classification");

		Response corrected = this.api.put("/api/v1/cases/" + caseId + "/classification", StaffApiClient.AGENT, "\"1\"",
				"{\"kind\":\"complaint\",\"category\":\"broadband\",\"note\":\"the broadband router's light\"}");

		assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
		JsonNode c = corrected.json();
		assertThat(c.path("status").asString()).isEqualTo("assigned");
		assertThat(c.path("department").asString()).isEqualTo("broadband");
		assertThat(c.path("classification").path("category").asString()).isEqualTo("broadband");
		// A person decided the kind and the category; the sentiment's confidence stays the classifier's.
		assertThat(c.path("classification").path("confidences").path("kind").asDouble()).isEqualTo(1.0);
		assertThat(c.path("classification").path("confidences").path("category").asDouble()).isEqualTo(1.0);
		assertThat(c.path("classification").path("confidences").path("sentiment").asDouble())
			.isEqualTo(sentimentConfidence);
		assertThat(c.path("correctedBy").asString()).isEqualTo("agent-li");
		assertThat(c.path("routings").asInt()).isEqualTo(2);
		assertThat(c.path("history").valueStream().map((h) -> h.path("action").asString()))
			.containsExactly("opened", "routed", "reclassified", "routed", "transition");
		assertThat(queue()).doesNotContain(caseId);

		Document example = this.database.getCollection("training_examples")
			.find(Filters.eq("caseId", caseId))
			.first();
		assertThat(example).isNotNull();
		assertThat(example.getString("_id")).isNotBlank();
		assertThat(example.getString("text")).isEqualTo(feedback.text());
		assertThat(example.getString("language")).isEqualTo("zh");
		assertThat(example.getString("kind")).isEqualTo("complaint");
		assertThat(example.getString("category")).isEqualTo("broadband");
		assertThat(example.getString("source")).isEqualTo("agent-correction");
		assertThat(example.getString("correctedBy")).isEqualTo("agent-li");
		assertThat(example.getDate("createdAt")).isNotNull();

		// What consumers that count by kind and category (churn-analyzer) learn of the correction.
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_RECLASSIFIED, caseId, 1)).singleElement().satisfies((e) -> {
			assertThat(e.feedbackId()).isEqualTo(feedback.feedbackId());
			assertThat(e.customerId()).isEqualTo(feedback.customerId());
			assertThat(e.fromKind()).isEqualTo(FeedbackKind.COMPLAINT);
			assertThat(e.fromCategory()).isEqualTo(waiting.classification().category());
			assertThat(e.kind()).isEqualTo(FeedbackKind.COMPLAINT);
			assertThat(e.category()).isEqualTo("broadband");
			assertThat(e.actorId()).isEqualTo("agent-li");
			assertThat(e.actorRole()).isEqualTo("agent");
			assertThat(e.note()).isEqualTo("the broadband router's light");
			assertThat(e.version()).isEqualTo(2);
		});
		List<String> routedIds = CaseTopic.ids(EventTypes.COMPLAINT_ROUTED, caseId, 2);
		assertThat(routedIds.stream().distinct()).hasSize(2);
		List<ComplaintRouted> routed = CaseTopic.events(EventTypes.COMPLAINT_ROUTED, caseId, 2);
		assertThat(routed).extracting(ComplaintRouted::department).containsExactly("customer-service", "broadband");
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED, caseId, 1)).singleElement()
			.satisfies((e) -> {
				assertThat(e.fromStatus()).isEqualTo(CaseStatus.TRIAGE);
				assertThat(e.toStatus()).isEqualTo(CaseStatus.ASSIGNED);
				assertThat(e.version()).isEqualTo(2);
			});
	}

	@Test
	void agentCorrectsTheCategoryOfAnOpenCaseWhichIsReroutedWithoutChangingItsStatus() {
		ComplaintCase c = Cases.stored(this.cases, CaseStatus.INVESTIGATING, null);
		String caseId = c.caseId().value();

		// Critical billing complaints are for supervisors: its agent may not keep it.
		Response keptByItsAgent = this.api.put("/api/v1/cases/" + caseId + "/classification",
				StaffApiClient.OTHER_AGENT, null, "{\"category\":\"billing\",\"severity\":\"critical\",\"version\":1}");
		Response corrected = this.api.put("/api/v1/cases/" + caseId + "/classification", StaffApiClient.OTHER_AGENT, null,
				"{\"category\":\"billing\",\"severity\":\"critical\",\"assignee\":\"supervisor-wang\",\"version\":1}");

		assertThat(keptByItsAgent.status()).isEqualTo(400);
		assertThat(keptByItsAgent.json().path("errors").get(0).path("field").asString()).isEqualTo("assignee");
		assertThat(keptByItsAgent.json().path("errors").get(0).path("message").asString())
			.contains("owned by role supervisor", "agent-li");
		assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
		assertThat(corrected.json().path("status").asString()).isEqualTo("investigating");
		assertThat(corrected.json().path("department").asString()).isEqualTo("billing");
		assertThat(corrected.json().path("ownerRole").asString()).isEqualTo("supervisor");
		assertThat(corrected.json().path("assignee").asString()).isEqualTo("supervisor-wang");
		assertThat(corrected.json().path("severity").asString()).isEqualTo("critical");
		assertThat(corrected.etag()).isEqualTo("\"2\"");
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_ROUTED, caseId, 1)).singleElement()
			.satisfies((r) -> assertThat(r.category()).isEqualTo("billing"));
		// The correction comes first, then the re-route; never a status change (the SLA timers may follow).
		assertThat(CaseTopic.types(caseId, EventTypes.COMPLAINT_ROUTED))
			.startsWith(EventTypes.COMPLAINT_RECLASSIFIED.name(), EventTypes.COMPLAINT_ROUTED.name())
			.doesNotContain(EventTypes.COMPLAINT_STATUS_CHANGED.name());
		assertThat(CaseTopic.events(EventTypes.COMPLAINT_RECLASSIFIED, caseId, 1)).singleElement().satisfies((e) -> {
			assertThat(e.fromKind()).isEqualTo(FeedbackKind.COMPLAINT);
			assertThat(e.fromCategory()).isEqualTo("network");
			assertThat(e.kind()).isEqualTo(FeedbackKind.COMPLAINT);
			assertThat(e.category()).isEqualTo("billing");
			assertThat(e.fromSeverity()).isEqualTo("normal");
			assertThat(e.severity()).isEqualTo("critical");
			assertThat(e.actorId()).isEqualTo("agent-chen");
			assertThat(e.note()).isNull();
			assertThat(e.version()).isEqualTo(2);
		});
		assertThat(examples(caseId)).isEqualTo(1);
	}

	@Test
	void triageCaseThatIsNoComplaintEndsInvalidWithTheExplanation() {
		ComplaintCase c = Cases.stored(this.cases, CaseStatus.TRIAGE, null);
		String path = "/api/v1/cases/" + c.caseId().value() + "/classification";

		Response withoutNote = this.api.put(path, StaffApiClient.AGENT, "\"1\"", "{\"kind\":\"inquiry\",\"category\":\"data\"}");
		Response withNote = this.api.put(path, StaffApiClient.AGENT, "\"1\"",
				"{\"kind\":\"inquiry\",\"category\":\"data\",\"note\":\"漫游流量套餐可在App中办理，谢谢您的咨询。\"}");

		assertThat(withoutNote.status()).isEqualTo(400);
		assertThat(withoutNote.json().path("errors").get(0).path("field").asString()).isEqualTo("note");
		assertThat(withNote.status()).isEqualTo(200);
		assertThat(withNote.json().path("status").asString()).isEqualTo("invalid");
		List<ComplaintStatusChanged> changed = CaseTopic.events(EventTypes.COMPLAINT_STATUS_CHANGED,
				c.caseId().value(), 1);
		assertThat(changed).singleElement().satisfies((e) -> {
			assertThat(e.toStatus()).isEqualTo(CaseStatus.INVALID);
			assertThat(e.note()).startsWith("漫游流量套餐");
		});
		// The correction is announced before the end it causes, with the kind a person decided.
		assertThat(CaseTopic.types(c.caseId().value(), EventTypes.COMPLAINT_STATUS_CHANGED))
			.startsWith(EventTypes.COMPLAINT_RECLASSIFIED.name(), EventTypes.COMPLAINT_STATUS_CHANGED.name());
		List<ComplaintReclassified> reclassified = CaseTopic.events(EventTypes.COMPLAINT_RECLASSIFIED,
				c.caseId().value(), 1);
		assertThat(reclassified).singleElement().satisfies((e) -> {
			assertThat(e.feedbackId()).isEqualTo(c.feedbackId());
			assertThat(e.fromKind()).isEqualTo(FeedbackKind.COMPLAINT);
			assertThat(e.fromCategory()).isEqualTo("network");
			assertThat(e.kind()).isEqualTo(FeedbackKind.INQUIRY);
			assertThat(e.category()).isEqualTo("data");
			assertThat(e.note()).startsWith("漫游流量套餐");
		});
		assertThat(examples(c.caseId().value())).isEqualTo(1);
	}

	@Test
	void aCaseCorrectedTwiceIsTrainedOnWithItsLatestCorrectionOnly() {
		ComplaintCase c = Cases.stored(this.cases, CaseStatus.RECEIVED, null);
		String path = "/api/v1/cases/" + c.caseId().value() + "/classification";
		int before = this.trainingExamples.all().size();

		assertThat(this.api.put(path, StaffApiClient.AGENT, "\"1\"", "{\"category\":\"billing\"}").status())
			.isEqualTo(200);
		assertThat(this.api.put(path, StaffApiClient.OTHER_AGENT, "\"2\"", "{\"category\":\"broadband\"}").status())
			.isEqualTo(200);

		// both corrections are kept (who decided what), one is trained on: the latest
		assertThat(examples(c.caseId().value())).isEqualTo(2);
		List<io.feedbackloop.classifier.Example> trainedOn = this.trainingExamples.all();
		assertThat(trainedOn).hasSize(before + 1);
		assertThat(trainedOn.get(trainedOn.size() - 1).label("category")).isEqualTo("broadband");
	}

	@Test
	void whoInvestigatesACaseFromItsDepartmentsQueueOwnsIt() {
		ComplaintCase c = Cases.stored(this.cases, CaseStatus.TRIAGE, null);
		String caseId = c.caseId().value();
		Response queued = this.api.put("/api/v1/cases/" + caseId + "/classification", StaffApiClient.AGENT, "\"1\"",
				"{\"category\":\"broadband\"}");
		assertThat(queued.status()).as(queued.body()).isEqualTo(200);
		assertThat(queued.json().path("status").asString()).isEqualTo("assigned");
		assertThat(queued.json().path("assignee").isNull()).isTrue();

		Response investigating = transition(this.api, caseId, StaffApiClient.OTHER_AGENT, "investigating", "");

		assertThat(investigating.status()).as(investigating.body()).isEqualTo(200);
		assertThat(investigating.json().path("assignee").asString()).isEqualTo("agent-chen");
		assertThat(investigating.json().path("history").get(investigating.json().path("history").size() - 1)
			.path("details").path("assignee").asString()).isEqualTo("agent-chen");
	}

	@Test
	void aTriageCaseEndedInvalidAndReopenedIsClassifiedByAPersonBeforeItIsWorkedOn() {
		ComplaintCase c = Cases.stored(this.cases, CaseStatus.TRIAGE, null);
		String caseId = c.caseId().value();
		assertThat(transition(this.api, caseId, StaffApiClient.AGENT, "invalid", "\"note\":\"没有可处理的问题\"")
			.status()).isEqualTo(200);
		assertThat(transition(this.api, caseId, StaffApiClient.AGENT, "reopened", "\"note\":\"客户来电补充了问题\"")
			.status()).isEqualTo(200);

		Response unclassified = transition(this.api, caseId, StaffApiClient.AGENT, "assigned", "");
		Response corrected = this.api.put("/api/v1/cases/" + caseId + "/classification", StaffApiClient.AGENT, "\"3\"",
				"{\"category\":\"broadband\"}");
		Response assigned = transition(this.api, caseId, StaffApiClient.AGENT, "assigned", "");

		assertThat(unclassified.status()).isEqualTo(409);
		assertThat(unclassified.json().path("currentStatus").asString()).isEqualTo("reopened");
		assertThat(unclassified.json().path("detail").asString()).contains("/classification");
		assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
		assertThat(corrected.json().path("status").asString()).isEqualTo("reopened");
		assertThat(corrected.json().path("department").asString()).isEqualTo("broadband");
		assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
		assertThat(assigned.json().path("assignee").asString()).isEqualTo("agent-li");
	}

	@Test
	void aCaseEndedInvalidAsNoComplaintAndReopenedIsClassifiedAgainBeforeItIsWorkedOn() {
		ComplaintCase c = Cases.stored(this.cases, CaseStatus.TRIAGE, null);
		String caseId = c.caseId().value();
		assertThat(this.api.put("/api/v1/cases/" + caseId + "/classification", StaffApiClient.AGENT, "\"1\"",
				"{\"kind\":\"inquiry\",\"category\":\"data\",\"note\":\"流量套餐可在App中办理\"}").status()).isEqualTo(200);
		assertThat(transition(this.api, caseId, StaffApiClient.AGENT, "reopened", "\"note\":\"其实是投诉\"").status())
			.isEqualTo(200);

		Response asNoComplaint = transition(this.api, caseId, StaffApiClient.AGENT, "investigating", "");

		assertThat(asNoComplaint.status()).isEqualTo(409);
		assertThat(asNoComplaint.json().path("detail").asString()).contains("/classification");
		assertThat(asNoComplaint.json().path("allowed").valueStream().map(JsonNode::asString))
			.containsExactly("waiting-for-customer");
	}

	@Test
	void unknownCategoryEndedCaseAndStaleVersionAreRefusedAndLeaveNoTrainingExample() {
		ComplaintCase open = Cases.stored(this.cases, CaseStatus.RECEIVED, null);
		ComplaintCase closed = Cases.stored(this.cases, CaseStatus.CLOSED, null);

		Response unknown = this.api.put("/api/v1/cases/" + open.caseId().value() + "/classification",
				StaffApiClient.AGENT, "\"1\"", "{\"category\":\"roaming\"}");
		Response stale = this.api.put("/api/v1/cases/" + open.caseId().value() + "/classification", StaffApiClient.AGENT,
				"\"7\"", "{\"category\":\"billing\"}");
		Response ended = this.api.put("/api/v1/cases/" + closed.caseId().value() + "/classification",
				StaffApiClient.AGENT, "\"1\"", "{\"category\":\"billing\"}");

		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().path("errors").get(0).path("message").asString())
			.contains("unknown category 'roaming'");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(ended.status()).isEqualTo(409);
		assertThat(ended.json().path("currentStatus").asString()).isEqualTo("closed");
		assertThat(examples(open.caseId().value())).isZero();
		assertThat(examples(closed.caseId().value())).isZero();
		assertThat(this.cases.find(open.caseId()).orElseThrow().version()).isEqualTo(1);
	}

	@Test
	void twoAgentsCorrectingTheSameVersionAtOnceLeaveOnlyTheWinnersTrainingExample() throws Exception {
		ComplaintCase c = Cases.stored(this.cases, CaseStatus.TRIAGE, null);
		String path = "/api/v1/cases/" + c.caseId().value() + "/classification";
		CountDownLatch firstDeciding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean held = new AtomicBoolean();
		willAnswer((invocation) -> {
			if (c.customerId().equals(invocation.getArgument(0)) && held.compareAndSet(false, true)) {
				firstDeciding.countDown();
				release.await(30, TimeUnit.SECONDS);
			}
			return invocation.callRealMethod();
		}).given(this.router).tierOf(any());
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			// Agent Li's correction read the case at version 1 and is still deciding ...
			Future<Response> li = executor.submit(() -> this.api.put(path, StaffApiClient.AGENT, "\"1\"",
					"{\"category\":\"billing\"}"));
			assertThat(firstDeciding.await(30, TimeUnit.SECONDS)).isTrue();
			// ... when agent Chen's, based on the same version, is written.
			Response chen = this.api.put(path, StaffApiClient.OTHER_AGENT, "\"1\"", "{\"category\":\"broadband\"}");
			release.countDown();
			Response lost = li.get(30, TimeUnit.SECONDS);

			assertThat(chen.status()).as(chen.body()).isEqualTo(200);
			assertThat(lost.status()).as(lost.body()).isEqualTo(409);
			assertThat(lost.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/stale-version");
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
		List<Document> examples = this.database.getCollection("training_examples")
			.find(Filters.eq("caseId", c.caseId().value()))
			.into(new java.util.ArrayList<>());
		assertThat(examples).singleElement().satisfies((e) -> {
			assertThat(e.getString("category")).isEqualTo("broadband");
			assertThat(e.getString("correctedBy")).isEqualTo("agent-chen");
		});
		assertThat(this.cases.find(c.caseId()).orElseThrow().classification().category()).isEqualTo("broadband");
	}

	private List<String> queue() {
		Response queue = this.api.get("/api/v1/triage?limit=500", StaffApiClient.ANALYST);
		assertThat(queue.status()).isEqualTo(200);
		return queue.json().valueStream().map((n) -> n.path("caseId").asString()).toList();
	}

	private long examples(String caseId) {
		return this.database.getCollection("training_examples").countDocuments(Filters.eq("caseId", caseId));
	}

}
