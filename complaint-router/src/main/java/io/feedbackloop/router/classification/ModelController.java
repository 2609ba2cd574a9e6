package io.feedbackloop.router.classification;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.feedbackloop.classifier.RulesSource;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.classifier.TextModel;
import io.feedbackloop.platform.security.Actor;
import io.feedbackloop.router.web.ApiProblemException;
import io.feedbackloop.router.web.NotFoundException;
import io.feedbackloop.router.web.ProblemTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The learning loop over HTTP (supervisors change, everyone signed in reads):
 * <ul>
 * <li>{@code POST /api/v1/classifier/models}: trains a new version from the seeds and the agents'
 * corrections; with an {@code application/octet-stream} body (a file from {@code bin/classifier train}) it
 * stores that model instead. Status {@code trained}.</li>
 * <li>{@code POST /api/v1/classifier/models/{version}/shadow}: the model classifies every record beside the
 * active one and decides nothing; the comparison goes to {@code classifier_shadow_results}. The active
 * version is refused ({@code 409}): activate another one instead.</li>
 * <li>{@code POST /api/v1/classifier/models/{version}/activate}: the model decides, on every instance within
 * the refresh interval; the heads it lacks stay with the models that decided them (see {@link ActiveModels}).</li>
 * <li>{@code GET /api/v1/classifier/models}: the versions with their hold-out figures.</li>
 * </ul>
 * Shadowing or activating a version that has that status already leaves it as it is ({@code 200}).
 */
@RestController
class ModelController {

	private static final String BASE = "/api/v1/classifier/models";

	private final ModelStore store;

	private final ModelTraining training;

	private final ActiveModels models;

	private final RulesSource rules;

	private final Taxonomy taxonomy;

	private final Clock clock;

	ModelController(ModelStore store, ModelTraining training, ActiveModels models, RulesSource rules,
			Taxonomy taxonomy, Clock clock) {
		this.store = store;
		this.training = training;
		this.models = models;
		this.rules = rules;
		this.taxonomy = taxonomy;
		this.clock = clock;
	}

	@GetMapping(BASE)
	Map<String, Object> list() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("taxonomy", this.taxonomy.name());
		body.put("active", this.models.get().version());
		TextModel shadow = this.models.shadow();
		body.put("shadow", (shadow != null) ? shadow.version() : null);
		body.put("rulesVersion", this.rules.get().version());
		body.put("seedModel", this.models.seedModel().version());
		List<Map<String, Object>> versions = this.store.list().stream().map(ModelStore.StoredModel::toJson).toList();
		body.put("models", versions);
		return body;
	}

	@GetMapping(BASE + "/{version}")
	Map<String, Object> one(@PathVariable String version) {
		return found(version).toJson();
	}

	/**
	 * Trains a version; with {@code Content-Type: application/octet-stream}, stores the model file in the
	 * body instead. One handler: Spring would match a request without a Content-Type (curl's bare
	 * {@code -X POST}) as octet-stream.
	 */
	@PostMapping(BASE)
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) byte @Nullable [] file,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable MediaType contentType,
			Authentication user) {
		if (contentType == null || !MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(contentType)) {
			TextModel model = this.training.train();
			return created(model, model.toBytes(), user);
		}
		if (file == null || file.length == 0) {
			throw incompatible("The body is empty: send the model file (from bin/classifier train) as "
					+ "application/octet-stream, or no Content-Type to train a version here.", HttpStatus.BAD_REQUEST);
		}
		if (file.length > ModelStore.MAX_BYTES) {
			throw new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, "model-too-large", "Model too large",
					"The model file is " + file.length + " bytes; at most " + ModelStore.MAX_BYTES + " are accepted.",
					Map.of());
		}
		TextModel model;
		try {
			model = TextModel.fromBytes(file);
		}
		catch (RuntimeException ex) {
			throw incompatible("The body is not a classifier model file: " + ex.getMessage(), HttpStatus.BAD_REQUEST);
		}
		return created(model, file, user);
	}

	@PostMapping(BASE + "/{version}/shadow")
	Map<String, Object> shadow(@PathVariable String version, Authentication user) {
		return promote(version, ModelStore.SHADOW, user);
	}

	@PostMapping(BASE + "/{version}/activate")
	Map<String, Object> activate(@PathVariable String version, Authentication user) {
		return promote(version, ModelStore.ACTIVE, user);
	}

	private Map<String, Object> promote(String version, String status, Authentication user) {
		ModelStore.StoredModel stored = found(version);
		// the version in force: of two left active by racing activations, the later one (see ModelStore.promote)
		// (or the model deciding now by its version: a version trained from the seeds alone is the seed model)
		boolean inForce = this.store.active().map((a) -> a.version().equals(version)).orElse(false)
				|| this.models.get().version().equals(version);
		if (ModelStore.ACTIVE.equals(status) ? inForce : status.equals(stored.status())) {
			// already so: nothing changes (not even who set it when)
			return stored.toJson();
		}
		if (inForce) {
			// demoting it would leave no version active, and the seed model would decide without anyone asking
			throw new ApiProblemException(HttpStatus.CONFLICT, "model-active", "Model is active",
					"Version " + version + " is active; activate another version first.", Map.of());
		}
		TextModel model = TextModel.fromBytes(this.store.bytes(version).orElseThrow());
		requireUsable(model);
		this.store.promote(version, status, Actor.of(user).id(), this.clock.instant());
		this.models.refresh();
		return found(version).toJson();
	}

	private ResponseEntity<Map<String, Object>> created(TextModel model, byte[] bytes, Authentication user) {
		ModelStore.StoredModel stored = this.store.store(model, bytes, Actor.of(user).id(), this.clock.instant());
		return ResponseEntity.created(URI.create(BASE + "/" + stored.version())).body(stored.toJson());
	}

	private void requireUsable(TextModel model) {
		if (Taxonomy.HEADS.stream().noneMatch((head) -> model.head(head) != null)) {
			throw incompatible("Model " + model.version() + " has none of the heads " + Taxonomy.HEADS + " (it has "
					+ model.headNames() + "); train it with bin/classifier train --head kind|category|sentiment.",
					HttpStatus.CONFLICT);
		}
		try {
			this.taxonomy.requireCompatible(model);
		}
		catch (IllegalArgumentException ex) {
			throw incompatible(ex.getMessage(), HttpStatus.CONFLICT);
		}
	}

	private ModelStore.StoredModel found(String version) {
		return this.store.find(version)
			.orElseThrow(() -> new NotFoundException("No classifier model version '" + version + "'."));
	}

	private static ApiProblemException incompatible(@Nullable String detail, HttpStatus status) {
		return new ApiProblemException(status, ProblemTypes.MODEL_INCOMPATIBLE, "Model not usable",
				(detail != null) ? detail : "The model is not usable.", Map.of());
	}

}
