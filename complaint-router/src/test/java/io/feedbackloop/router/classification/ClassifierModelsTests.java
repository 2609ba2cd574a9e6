package io.feedbackloop.router.classification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.feedbackloop.classifier.ClassifierEngine;
import io.feedbackloop.classifier.Example;
import io.feedbackloop.classifier.SeedExamples;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.classifier.TextModel;
import io.feedbackloop.classifier.Trainer;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.router.Feedbacks;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The learning loop over the real HTTP API and the MongoDB wire server: train a version from the seeds and
 * the agents' corrections, run it in shadow, activate it; cases record the version that decided.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClassifierModelsTests {

	private static final String MODELS = "/api/v1/classifier/models";

	@LocalServerPort
	int port;

	@Autowired
	MongoDatabase database;

	@Autowired
	ActiveModels models;

	@Autowired
	ModelStore store;

	@Autowired
	ClassifierEngine engine;

	@Autowired
	Taxonomy taxonomy;

	@Autowired
	CaseStore cases;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Classifier classifier;

	StaffApiClient api;

	@BeforeEach
	void api() {
		this.api = new StaffApiClient(this.port);
	}

	@AfterEach
	void backToTheSeedModel() {
		this.database.getCollection(ModelStore.COLLECTION).deleteMany(new Document());
		this.models.refresh();
	}

	@Test
	void aSupervisorTrainsAVersionFromTheSeedsAndTheAgentsCorrections() {
		this.database.getCollection("training_examples")
			.insertOne(new Document("_id", "te-test-1").append("text", "家里的机顶盒灯一直闪，电视看不了")
				.append("kind", "complaint")
				.append("category", "device")
				.append("createdAt", new java.util.Date()));

		Response trained = this.api.post(MODELS, StaffApiClient.SUPERVISOR, null, "");

		assertThat(trained.status()).as(trained.body()).isEqualTo(201);
		JsonNode model = trained.json();
		String version = model.path("version").asString();
		assertThat(version).startsWith("m-");
		assertThat(model.path("status").asString()).isEqualTo("trained");
		assertThat(model.path("trainedFrom").asString()).startsWith("seeds+training_examples(");
		assertThat(model.path("trainingSize").asInt()).isGreaterThan(SeedExamples.load().size());
		assertThat(model.path("heads").path("category").path("holdoutMacroF1").asDouble()).isBetween(0.0, 1.0);
		assertThat(model.path("heads").path("kind").path("holdoutMacroF1").isNumber()).isTrue();

		JsonNode list = this.api.get(MODELS, StaffApiClient.ANALYST).json();
		assertThat(list.path("active").asString()).isEqualTo(this.models.seedModel().version());
		assertThat(list.path("rulesVersion").asString()).startsWith("default-1-");
		assertThat(list.path("models")).anySatisfy((m) -> {
			assertThat(m.path("version").asString()).isEqualTo(version);
			assertThat(m.path("heads").path("kind").path("holdoutMacroF1").isNumber()).isTrue();
		});
		assertThat(this.api.post(MODELS, StaffApiClient.AGENT, null, "").status()).isEqualTo(403);
	}

	@Test
	void aPostWithNoBodyAtAllTrainsAsTheReadmeShows() {
		// curl -X POST …/classifier/models: no body and no Content-Type (which Spring matches as octet-stream)
		Response trained = this.api.send("POST", MODELS, StaffApiClient.SUPERVISOR, null, null, null);

		assertThat(trained.status()).as(trained.body()).isEqualTo(201);
		assertThat(trained.json().path("status").asString()).isEqualTo("trained");
		assertThat(trained.json().path("trainedFrom").asString()).startsWith("seeds+training_examples(");
	}

	@Test
	void aShadowModelIsComparedWithoutDecidingAndAnActivatedModelDecidesAndIsRecordedOnTheCase() {
		String version = this.api.post(MODELS, StaffApiClient.SUPERVISOR, null, "").json().path("version").asString();
		Response shadow = this.api.post(MODELS + "/" + version + "/shadow", StaffApiClient.SUPERVISOR, null, "");
		assertThat(shadow.status()).as(shadow.body()).isEqualTo(200);
		assertThat(shadow.json().path("status").asString()).isEqualTo("shadow");
		assertThat(this.api.get(MODELS, StaffApiClient.AGENT).json().path("shadow").asString()).isEqualTo(version);

		ComplaintCase decidedByActive = open("我要投诉，手机信号太差，一直掉线，都一个星期了");
		assertThat(decidedByActive.classification().version()).startsWith(this.models.seedModel().version() + "+");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.database.getCollection(ShadowResults.COLLECTION)
				.find(Filters.eq("shadowModel", version))
				.first() != null);
		Document result = this.database.getCollection(ShadowResults.COLLECTION)
			.find(Filters.eq("shadowModel", version))
			.first();
		assertThat(result.get("heads", Document.class).get("category", Document.class).getBoolean("agree")).isTrue();
		assertThat(this.meters.find("feedbackloop.router.classifier.shadow")
			.tags("head", "category", "agree", "true")
			.counter()).isNotNull();
		// the same record classified again (redelivered after a crash) is neither stored nor counted twice
		String text = "宽带又断网了，报修三次没人来";
		this.classifier.classify("f-shadow-twice", text, "zh");
		double counted = shadowCount(version);
		this.classifier.classify("f-shadow-twice", text, "zh");
		assertThat(this.database.getCollection(ShadowResults.COLLECTION)
			.countDocuments(Filters.eq("feedbackId", "f-shadow-twice"))).isOne();
		assertThat(shadowCount(version)).isEqualTo(counted);

		// the report: agreement per head, and which model had it right where a person decided
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.database.getCollection(ShadowResults.COLLECTION)
				.countDocuments(Filters.eq("feedbackId", decidedByActive.feedbackId().value())) == 1);
		String report = MODELS + "/" + version + "/shadow-results";
		JsonNode before = this.api.get(report, StaffApiClient.ANALYST).json();
		Response corrected = this.api.put("/api/v1/cases/" + decidedByActive.caseId().value() + "/classification",
				StaffApiClient.AGENT, "\"" + decidedByActive.version() + "\"",
				"{\"category\":\"billing\",\"note\":\"the dropped calls were charged as data\"}");
		assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
		JsonNode after = this.api.get(report, StaffApiClient.ANALYST).json();

		assertThat(after.path("compared").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(after.path("heads").path("category").path("agreement").asDouble()).isBetween(0.0, 1.0);
		JsonNode people = after.path("classifiedByPeople");
		JsonNode earlier = before.path("classifiedByPeople");
		assertThat(people.path("records").asLong()).isEqualTo(earlier.path("records").asLong() + 1);
		// both said complaint, as the agent did; neither said billing
		assertThat(people.path("kind").path("activeRight").asLong())
			.isEqualTo(earlier.path("kind").path("activeRight").asLong() + 1);
		assertThat(people.path("kind").path("shadowRight").asLong())
			.isEqualTo(earlier.path("kind").path("shadowRight").asLong() + 1);
		assertThat(people.path("category").path("activeRight").asLong())
			.isEqualTo(earlier.path("category").path("activeRight").asLong());
		assertThat(people.path("category").path("shadowRight").asLong())
			.isEqualTo(earlier.path("category").path("shadowRight").asLong());
		assertThat(this.api.get(MODELS + "/m-nope/shadow-results", StaffApiClient.ANALYST).status()).isEqualTo(404);

		Response activated = this.api.post(MODELS + "/" + version + "/activate", StaffApiClient.SUPERVISOR, null, "");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		assertThat(activated.json().path("status").asString()).isEqualTo("active");
		JsonNode list = this.api.get(MODELS, StaffApiClient.AGENT).json();
		assertThat(list.path("active").asString()).isEqualTo(version);
		assertThat(list.path("shadow").isNull()).isTrue();

		ComplaintCase decidedByNew = open("这个月话费又多扣了30块，我要投诉");
		assertThat(decidedByNew.classification().version()).startsWith(version + "+default-1-");
		assertThat(decidedByNew.classification().category()).isEqualTo("billing");
	}

	@Test
	void aVersionThatIsTheModelDecidingNowIsNotPutInShadow() {
		// trained from the seeds alone (a fresh system, no corrections yet), a version is the seed model itself
		TextModel seed = this.models.seedModel();
		assertThat(upload(seed.toBytes()).status()).isIn(200, 201);

		Response shadow = this.api.post(MODELS + "/" + seed.version() + "/shadow", StaffApiClient.SUPERVISOR, null, "");

		assertThat(shadow.status()).as(shadow.body()).isEqualTo(409);
		assertThat(shadow.json().path("type").asString()).endsWith("/model-active");
		assertThat(this.models.shadow()).isNull();
	}

	@Test
	void unknownVersionsAndUnusableModelsAreRefusedAsProblems() throws Exception {
		Response unknown = this.api.post(MODELS + "/m-nope/activate", StaffApiClient.SUPERVISOR, null, "");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(this.api.get(MODELS + "/m-nope", StaffApiClient.AGENT).status()).isEqualTo(404);

		// a category head with a label the taxonomy does not have
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			examples.add(new Example("x" + i, "beam me up number " + i, Map.of("category", "teleportation")));
			examples.add(new Example("y" + i, "信号太差了 " + i, Map.of("category", "network")));
		}
		Map<String, @Nullable List<String>> heads = new LinkedHashMap<>();
		heads.put(Taxonomy.CATEGORY, null);
		TextModel foreign = new Trainer(1 << 12).train(examples, heads, "test", null, Instant.EPOCH);
		Response uploaded = upload(foreign.toBytes());
		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
		Response conflict = this.api.post(MODELS + "/" + foreign.version() + "/activate", StaffApiClient.SUPERVISOR, null, "");
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.contentType()).startsWith("application/problem+json");
		assertThat(conflict.json().path("type").asString()).endsWith("/model-incompatible");
		assertThat(conflict.json().path("detail").asString()).contains("category 'teleportation'");

		Response garbage = upload(new byte[] { 1, 2, 3 });
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.json().path("type").asString()).endsWith("/model-incompatible");
	}

	/**
	 * A model trained for one head ({@code bin/classifier train --head category}, another feature dimension than
	 * the service's) replaces that head only: in shadow it is compared as it would decide once activated, and
	 * activated it decides the category while the kind and the sentiment stay exactly the seed model's (not a
	 * uniform guess: every complaint to triage). A kind model activated next keeps the category model's
	 * category; every instance, and this one after a restart, composes the same from {@code classifier_models}.
	 */
	@Test
	void aModelTrainedForOneHeadReplacesOnlyThatHead() {
		TextModel seed = this.models.seedModel();
		TextModel category = oneHead(Taxonomy.CATEGORY);
		TextModel kind = oneHead(Taxonomy.KIND);
		assertThat(upload(category.toBytes()).status()).isEqualTo(201);
		assertThat(upload(kind.toBytes()).status()).isEqualTo(201);

		Response shadow = this.api.post(MODELS + "/" + category.version() + "/shadow", StaffApiClient.SUPERVISOR, null, "");
		assertThat(shadow.status()).as(shadow.body()).isEqualTo(200);
		assertThat(this.models.shadow().version()).isEqualTo(category.version() + "/" + seed.version());
		// its comparisons are the version's, whatever it is composed with
		this.classifier.classify("f-one-head", "宽带又断网了，报修三次没人来", "zh");
		JsonNode report = this.api.get(MODELS + "/" + category.version() + "/shadow-results", StaffApiClient.ANALYST)
			.json();
		assertThat(report.path("compared").asLong()).isOne();
		assertThat(report.path("heads").path("category").path("compared").asLong()).isOne();
		Response activated = this.api.post(MODELS + "/" + category.version() + "/activate", StaffApiClient.SUPERVISOR,
				null, "");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);

		String text = "我要投诉，手机信号太差，一直掉线，都一个星期了";
		Classification decided = open(text).classification();
		Classification bySeed = EngineClassifier.of(this.engine.classify(text, "zh", seed));
		assertThat(decided.version()).startsWith(category.version() + "/" + seed.version() + "+default-1-");
		assertThat(decided.category()).isEqualTo("network");
		assertThat(decided.kind()).isEqualTo(bySeed.kind());
		assertThat(decided.sentiment()).isEqualTo(bySeed.sentiment());
		assertThat(decided.confidences()).containsEntry(Taxonomy.KIND, bySeed.confidences().get(Taxonomy.KIND))
			.containsEntry(Taxonomy.SENTIMENT, bySeed.confidences().get(Taxonomy.SENTIMENT));
		assertThat(decided.evidence()).filteredOn((line) -> !line.startsWith("category: "))
			.isEqualTo(bySeed.evidence().stream().filter((line) -> !line.startsWith("category: ")).toList());

		assertThat(this.api.post(MODELS + "/" + kind.version() + "/activate", StaffApiClient.SUPERVISOR, null, "")
			.status()).isEqualTo(200);
		String composed = kind.version() + "/" + category.version() + "/" + seed.version();
		assertThat(this.models.get().version()).isEqualTo(composed);
		assertThat(this.api.get(MODELS, StaffApiClient.AGENT).json().path("active").asString()).isEqualTo(composed);
		ActiveModels restarted = new ActiveModels(this.store, this.taxonomy, seed);
		restarted.refresh();
		assertThat(restarted.get().version()).isEqualTo(composed);
	}

	/**
	 * Putting the active version in shadow would leave none active, and the seed model would decide unasked:
	 * refused. Asking for a status a version has already changes nothing; an activation stamped before the one
	 * in force (two racing) does not retire it.
	 */
	@Test
	void theActiveVersionIsNotPutInShadowAndAStatusAlreadyHeldChangesNothing() {
		TextModel model = new Trainer(1 << 12).train(SeedExamples.load(), SeedExamples.heads(this.taxonomy), "seeds",
				this.taxonomy.name(), Instant.EPOCH);
		String version = model.version();
		assertThat(upload(model.toBytes()).status()).isEqualTo(201);
		assertThat(this.api.post(MODELS + "/" + version + "/activate", StaffApiClient.SUPERVISOR, null, "").status())
			.isEqualTo(200);
		Document before = this.database.getCollection(ModelStore.COLLECTION).find(Filters.eq("_id", version)).first();

		Response again = this.api.post(MODELS + "/" + version + "/activate", StaffApiClient.SUPERVISOR, null, "");
		Response shadow = this.api.post(MODELS + "/" + version + "/shadow", StaffApiClient.SUPERVISOR, null, "");

		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().path("status").asString()).isEqualTo("active");
		assertThat(shadow.status()).as(shadow.body()).isEqualTo(409);
		assertThat(shadow.contentType()).startsWith("application/problem+json");
		assertThat(shadow.json().path("type").asString()).endsWith("/model-active");
		assertThat(shadow.json().path("detail").asString()).contains("Version " + version + " is active");
		assertThat(this.database.getCollection(ModelStore.COLLECTION).find(Filters.eq("_id", version)).first())
			.isEqualTo(before);
		assertThat(this.models.get().version()).isEqualTo(version);
		assertThat(this.models.shadow()).isNull();

		TextModel racing = oneHead(Taxonomy.KIND);
		assertThat(upload(racing.toBytes()).status()).isEqualTo(201);
		this.store.promote(racing.version(), ModelStore.ACTIVE, "racing", before.getDate("statusAt").toInstant().minusSeconds(1));
		assertThat(this.store.withStatus(ModelStore.ACTIVE)).contains(version);
		assertThat(this.store.find(version).orElseThrow().status()).isEqualTo("active");
		// the loser of the race is stored as active but not in force: activating it again puts it in force
		Response reactivated = this.api.post(MODELS + "/" + racing.version() + "/activate", StaffApiClient.SUPERVISOR,
				null, "");
		assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
		assertThat(this.store.active().orElseThrow().version()).isEqualTo(racing.version());
		assertThat(this.store.find(version).orElseThrow().status()).isEqualTo("retired");
	}

	/** A model of one head trained from the seed examples, smaller than the service's (and so quick). */
	private static TextModel oneHead(String head) {
		Map<String, @Nullable List<String>> heads = new LinkedHashMap<>();
		heads.put(head, null);
		return new Trainer(1 << 14).train(SeedExamples.load(), heads, "seeds.csv", null, Instant.EPOCH);
	}

	private ComplaintCase open(String text) {
		FeedbackReceived feedback = Feedbacks.received(Channel.APP, text, "zh");
		TestKafka.send(Feedbacks.event(feedback));
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cases.findByFeedback(feedback.feedbackId()), Optional::isPresent)
			.orElseThrow();
	}

	private Response upload(byte[] model) {
		return this.api.send("POST", MODELS, StaffApiClient.SUPERVISOR, null, "application/octet-stream", model);
	}

	private double shadowCount(String version) {
		return this.meters.find("feedbackloop.router.classifier.shadow")
			.tag("shadow", version)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
