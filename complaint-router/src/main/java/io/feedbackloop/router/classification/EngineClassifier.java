package io.feedbackloop.router.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.feedbackloop.classifier.ClassifierEngine;
import io.feedbackloop.classifier.Decision;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.classifier.TextModel;
import io.feedbackloop.contracts.FeedbackKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Classifier} of the service: the classifier module's engine over the rules in force and the
 * active model. When a shadow model is set, it classifies the same text too; the comparison is recorded
 * and decides nothing (a failure to record it never fails the classification).
 */
public class EngineClassifier implements Classifier {

	private static final Logger log = LoggerFactory.getLogger(EngineClassifier.class);

	private final ClassifierEngine engine;

	private final ActiveModels models;

	private final ShadowResults shadowResults;

	public EngineClassifier(ClassifierEngine engine, ActiveModels models, ShadowResults shadowResults) {
		this.engine = engine;
		this.models = models;
		this.shadowResults = shadowResults;
	}

	@Override
	public Classification classify(String feedbackId, String text, String language) {
		Decision decision = this.engine.classify(text, language, this.models.get());
		TextModel shadow = this.models.shadow();
		if (shadow != null) {
			try {
				this.shadowResults.record(feedbackId, ShadowResults.ownVersion(shadow.version()), decision,
						this.engine.classify(text, language, shadow));
			}
			catch (RuntimeException ex) {
				log.warn("Shadow classification with {} failed", shadow.version(), ex);
			}
		}
		return of(decision);
	}

	static Classification of(Decision decision) {
		Decision.HeadDecision kind = decision.head(Taxonomy.KIND);
		Decision.HeadDecision category = decision.head(Taxonomy.CATEGORY);
		Decision.HeadDecision sentiment = decision.head(Taxonomy.SENTIMENT);
		FeedbackKind feedbackKind = FeedbackKind.fromWire(kind.label());
		double confidence = (feedbackKind == FeedbackKind.COMPLAINT)
				? Math.min(kind.confidence(), category.confidence()) : kind.confidence();
		List<String> evidence = new ArrayList<>();
		Map<String, Double> confidences = new LinkedHashMap<>();
		decision.heads().forEach((head, d) -> {
			d.explanation().forEach((line) -> evidence.add(head + ": " + line));
			confidences.put(head, round(d.confidence()));
		});
		return new Classification(feedbackKind, category.label(), round(confidence), sentiment.label(),
				decision.version(), evidence, confidences, decision.language());
	}

	/** A share or a confidence to three decimals, as the API shows them. */
	public static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
