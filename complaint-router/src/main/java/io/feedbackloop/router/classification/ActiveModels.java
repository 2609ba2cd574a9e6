package io.feedbackloop.router.classification;

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
 */
public class ActiveModels implements Supplier<TextModel> {

	private static final Logger log = LoggerFactory.getLogger(ActiveModels.class);

	private final ModelStore store;

	private final Taxonomy taxonomy;

	private final TextModel seedModel;

	private volatile TextModel active;

	private volatile @Nullable TextModel shadow;

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
		Optional<String> activeVersion = this.store.withStatus(ModelStore.ACTIVE);
		this.active = activeVersion.map((v) -> load(v, this.active)).orElse(this.seedModel);
		Optional<String> shadowVersion = this.store.withStatus(ModelStore.SHADOW);
		this.shadow = shadowVersion.map((v) -> load(v, this.shadow)).orElse(null);
	}

	private @Nullable TextModel load(String version, @Nullable TextModel current) {
		if (current != null && current.version().equals(version)) {
			return current;
		}
		try {
			TextModel model = TextModel.fromBytes(this.store.bytes(version).orElseThrow());
			this.taxonomy.requireCompatible(model);
			log.info("Classifier model {} loaded", version);
			return model;
		}
		catch (RuntimeException ex) {
			log.error("Classifier model {} cannot be used; keeping {}", version,
					(current != null) ? current.version() : "none", ex);
			return current;
		}
	}

}
