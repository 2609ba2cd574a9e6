package io.feedbackloop.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformDefaultsTests {

	@Test
	void turnsOnKafkaObservationFullSamplingAndHistogramsAndOffBaggageUnlessTheServiceSaysOtherwise() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application.yml", Map.of("management.tracing.sampling.probability", "0.1")));

		new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.enable-observation")).isEqualTo("true");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
		assertThat(environment.getProperty("management.metrics.distribution.percentiles-histogram.http.server.requests"))
			.isEqualTo("true");
		assertThat(environment.getProperty(
				"management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes"))
			.isEqualTo("false");
		assertThat(environment.getProperty("management.tracing.baggage.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("management.metrics.observations.ignored-meters"))
			.isEqualTo("long-task-timer");
	}

}
