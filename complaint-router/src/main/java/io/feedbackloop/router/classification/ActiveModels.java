package io.feedbackloop.router.classification;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.feedbackloop.classifier.TextModel;
import io.feedbackloop.classifier.Taxonomy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models in force on this instance: the active one (the model trained from the bundled seed examples
 * until one is activated) and the shadow one, if any. {@link #refresh()} (every refresh interval, and
 * right after a change through this instance's API) loads what {@code classifier_models} says.
 *
 * <p>A model lacks heads when it was trained for one ({@code bin/classifier train --head category}): the
 * active one is {@link TextModel#withHeads composed} with the models that decided the heads it lacks when it
 * was activated ({@link ModelStore#promote}; the seed model when none did), so that its activation replaces
 * only its own heads; the shadow one with the active model, so that it is compared as it would decide once
 * activated. Either's version then names every model that decides ({@code m-4be1f0a2c3/m-77c0e1d2a4}).
 */
public class ActiveModels implements Supplier<TextModel> {

	private static final Logger log = LoggerFactory.getLogger(ActiveModels.class);

	private final ModelStore store;

	private final Taxonomy taxonomy;

	private final TextModel seedModel;

	private volatile TextModel active;

	private volatile @Nullable TextModel shadow;

	/** The stored models in force, by version: not read again while they stay in force. */
	private Map<String, TextModel> loaded = Map.of();

	public ActiveModels(ModelStore store, Taxonomy taxonomy, TextModel seedModel) {
		this.store = store;
		this.taxonomy = taxonomy;
		this.seedModel = seedModel;
		this.active = seedModel;
	}

	@Override
	public TextModel get() {
		return this.active;
	}

	public @Nullable TextModel shadow() {
		return this.shadow;
	}

	public TextModel seedModel() {
		return this.seedModel;
	}

	public synchronized void refresh() {
		Map<String, TextModel> loaded = new HashMap<>();
		Optional<ModelStore.Active> active = this.store.active();
		this.active = active.map((a) -> active(a, loaded)).orElse(this.seedModel);
		Optional<String> shadowVersion = this.store.withStatus(ModelStore.SHADOW);
		this.shadow = shadowVersion.map((v) -> shadow(v, loaded)).orElse(null);
		this.loaded = loaded;
	}

	private TextModel active(ModelStore.Active active, Map<String, TextModel> loaded) {
		try {
			Map<String, TextModel> from = new LinkedHashMap<>();
			for (String head : Taxonomy.HEADS) {
				String version = active.headsFrom().get(head);
				from.put(head, (version != null) ? load(version, loaded) : this.seedModel);
			}
			return load(active.version(), loaded).withHeads(from);
		}
		catch (RuntimeException ex) {
			log.error("Classifier model {} cannot be used; keeping {}", active.version(), this.active.version(), ex);
			return this.active;
		}
	}

	private @Nullable TextModel shadow(String version, Map<String, TextModel> loaded) {
		try {
			Map<String, TextModel> from = new LinkedHashMap<>();
			Taxonomy.HEADS.forEach((head) -> from.put(head, this.active));
			return load(version, loaded).withHeads(from);
		}
		catch (RuntimeException ex) {
			TextModel current = this.shadow;
			log.error("Classifier model {} cannot be used; keeping {}", version,
					(current != null) ? current.version() : "none", ex);
			return current;
		}
	}

	private TextModel load(String version, Map<String, TextModel> loaded) {
		TextModel model = loaded.get(version);
		if (model == null) {
			model = this.loaded.get(version);
		}
		if (model == null) {
			model = TextModel.fromBytes(this.store.bytes(version).orElseThrow());
			this.taxonomy.requireCompatible(model);
			log.info("Classifier model {} loaded", version);
		}
		loaded.put(version, model);
		return model;
	}

}
