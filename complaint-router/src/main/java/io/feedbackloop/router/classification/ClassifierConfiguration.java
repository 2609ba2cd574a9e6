package io.feedbackloop.router.classification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import io.feedbackloop.classifier.ClassifierEngine;
import io.feedbackloop.classifier.RulesSource;
import io.feedbackloop.classifier.SeedExamples;
import io.feedbackloop.classifier.Taxonomy;
import io.feedbackloop.router.routing.RoutingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The classifier: the configured taxonomy (whose categories the routing must know), the rules (bundled or
 * the operator's file, re-read when it changes), the active and shadow models from
 * {@code classifier_models} (the seed-trained model until one is activated), refreshed every
 * {@code feedbackloop.classification.refresh-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClassifierConfiguration implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(ClassifierConfiguration.class);

	private final ClassifierProperties properties;

	private final RulesSource rules;

	private final ActiveModels models;

	ClassifierConfiguration(ClassifierProperties properties, RulesSource rules, ActiveModels models) {
		this.properties = properties;
		this.rules = rules;
		this.models = models;
	}

	@Bean
	static Taxonomy classifierTaxonomy(ClassifierProperties properties, RoutingProperties routing) {
		Taxonomy taxonomy = Taxonomy.load(properties.taxonomy());
		List<String> unknown = new ArrayList<>(taxonomy.categories().keySet());
		unknown.removeAll(routing.categories());
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("The taxonomy " + taxonomy.name() + " has categories " + unknown
					+ " that feedbackloop.routing.categories does not list");
		}
		return taxonomy;
	}

	@Bean
	static RulesSource classifierRules(ClassifierProperties properties, Taxonomy taxonomy) {
		return (properties.rulesFile() != null) ? RulesSource.file(properties.rulesFile(), taxonomy)
				: RulesSource.bundled(taxonomy);
	}

	@Bean
	static ModelStore classifierModelStore(MongoDatabase database) {
		return new ModelStore(database);
	}

	@Bean
	static ActiveModels activeModels(ModelStore store, Taxonomy taxonomy, Clock clock) {
		ActiveModels models = new ActiveModels(store, taxonomy, SeedExamples.train(taxonomy, clock.instant()));
		models.refresh();
		return models;
	}

	@Bean
	static ClassifierEngine classifierEngine(Taxonomy taxonomy, RulesSource rules, ActiveModels models) {
		return new ClassifierEngine(taxonomy, rules, models);
	}

	@Bean
	static ShadowResults shadowResults(MongoDatabase database, MeterRegistry meters, Clock clock) {
		return new ShadowResults(database, meters, clock);
	}

	@Bean
	static Classifier classifier(ClassifierEngine engine, ActiveModels models, ShadowResults shadowResults) {
		return new EngineClassifier(engine, models, shadowResults);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::refresh, this.properties.refreshInterval(),
				this.properties.refreshInterval()));
	}

	void refresh() {
		try {
			if (this.rules.refresh()) {
				log.info("Classifier rules {} in force", this.rules.get().version());
			}
		}
		catch (RuntimeException ex) {
			log.error("The classifier rules file changed but cannot be used; keeping {}: {}",
					this.rules.get().version(), ex.getMessage());
		}
		this.models.refresh();
	}

}
