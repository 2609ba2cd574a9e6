package io.feedbackloop.platform;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every service needs the same way, added below everything else: a service's
 * {@code application.yml}, the environment and the command line all override them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE = "feedbackloopPlatformDefaults";

	static final Map<String, Object> DEFAULTS = Map.of(
			// The binder's listener containers continue the trace of each record they hand to a
			// function (its traceparent header), so that what the function logs and publishes
			// belongs to the trace of the request that caused the record.
			"spring.cloud.stream.kafka.binder.enable-observation", "true",
			// No span exporter is configured: sampling every trace costs little and keeps the trace
			// id meaningful in every log line; lower it when an exporter ships spans somewhere.
			"management.tracing.sampling.probability", "1.0",
			// No service sets or reads baggage; left on, every span started and every record or request
			// sent walks the (empty) baggage to propagate it: about 4 % of the SLA engine's firing thread.
			"management.tracing.baggage.enabled", "false",
			// Each observation would also keep a long task timer (…_active_seconds) that no dashboard or
			// alert reads, started and stopped around every publish, request and record handled.
			"management.metrics.observations.ignored-meters", "long-task-timer",
			// Latency percentiles in the dashboards (histogram_quantile) need the buckets.
			"management.metrics.distribution.percentiles-histogram.http.server.requests", "true",
			"management.metrics.distribution.percentiles-histogram.feedbackloop.events.publish", "true",
			// Trace exemplars only where OpenMetrics 1.0 allows them (histogram buckets): Prometheus
			// before 2.43 (Debian 12 ships 2.42) drops the whole scrape when a _count line has one.
			"management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes",
			"false");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, DEFAULTS));
	}

}
