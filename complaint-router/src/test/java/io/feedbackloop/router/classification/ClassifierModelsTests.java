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
	CaseStore cases;

	@Autowired
	MeterRegistry meters;

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

}
