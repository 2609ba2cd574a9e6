package io.feedbackloop.router.classification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.classification.*} (beside {@code confidence-floor}, see TriageProperties).
 *
 * @param taxonomy the shipped taxonomies whose kinds and categories the classifier gives
 * ({@code telecom}, {@code retail}, or both)
 * @param rulesFile an operator's rules file (JSON, see the classifier module's RuleSet); the bundled
 * default rules when absent
 * @param refreshInterval how often the rules file is checked for changes and the active and shadow
 * models are looked up in MongoDB: every instance picks up a change within this time
 */
@ConfigurationProperties("feedbackloop.classification")
public record ClassifierProperties(@DefaultValue({ "telecom", "retail" }) List<String> taxonomy,
		@Nullable Path rulesFile, @DefaultValue("30s") Duration refreshInterval) {

	public ClassifierProperties {
		if (refreshInterval.isNegative() || refreshInterval.isZero()) {
			throw new IllegalArgumentException(
					"feedbackloop.classification.refresh-interval must be positive, not " + refreshInterval);
		}
	}

}
