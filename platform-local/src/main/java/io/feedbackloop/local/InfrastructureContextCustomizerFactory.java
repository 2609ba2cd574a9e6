package io.feedbackloop.local;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at {@link TestInfrastructure}: the real Kafka broker and MongoDB
 * server of this test JVM. Registered in {@code META-INF/spring.factories}, so a service test needs
 * no property plumbing of its own. It supplies the two variables every service's
 * {@code application.yml} reads its infrastructure from ({@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code MONGODB_URI}) at the lowest precedence, so a test's own properties still win.
 */
public class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new InfrastructureCustomizer();
	}

	private static final class InfrastructureCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestInfrastructure.Endpoints endpoints = TestInfrastructure.get();
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("feedbackloop-test-infrastructure",
						Map.of("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers(),
								"MONGODB_URI", endpoints.mongoUri())));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof InfrastructureCustomizer;
		}

		@Override
		public int hashCode() {
			return InfrastructureCustomizer.class.hashCode();
		}

	}

}
