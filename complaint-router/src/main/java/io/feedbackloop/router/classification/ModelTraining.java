package io.feedbackloop.router.classification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.feedbackloop.classifier.Example;
import io.feedbackloop.classifier.SeedExamples;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.classifier.TextModel;
import io.feedbackloop.classifier.Trainer;
import io.feedbackloop.router.triage.TrainingExamples;

import org.springframework.stereotype.Component;

/**
 * Trains a new model version from the bundled seed examples and the people-labelled examples of
 * {@code training_examples} (agents' corrections), with the configured taxonomy's labels. The version id
 * is derived from the data, so training twice on the same data gives the same version.
 */
@Component
class ModelTraining {

	private final TrainingExamples corrections;

	private final Taxonomy taxonomy;

	private final Clock clock;

	ModelTraining(TrainingExamples corrections, Taxonomy taxonomy, Clock clock) {
		this.corrections = corrections;
		this.taxonomy = taxonomy;
		this.clock = clock;
	}

	TextModel train() {
		List<Example> examples = new ArrayList<>(SeedExamples.load());
		List<Example> corrected = this.corrections.all();
		examples.addAll(corrected);
		return Trainer.forService().train(examples, SeedExamples.heads(this.taxonomy),
				"seeds+training_examples(" + corrected.size() + ")", this.taxonomy.name(), this.clock.instant());
	}

}
