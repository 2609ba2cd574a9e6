package io.feedbackloop.churn.intake;

import java.util.List;
import java.util.function.Consumer;

import io.feedbackloop.churn.profile.ChurnProperties;
import io.feedbackloop.churn.profile.ProfileListener;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.platform.IdempotentConsumer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean
	ProfileEvents profileEvents(ProfileStore profiles, IdempotentConsumer idempotent, MeterRegistry meters,
			ChurnProperties properties, List<ProfileListener> listeners) {
		return new ProfileEvents(profiles, idempotent, meters, properties, listeners);
	}

	/** Bound to {@code feedback.intake} as {@code feedbackEvents-in-0}. */
	@Bean
	Consumer<Message<byte[]>> feedbackEvents(ProfileEvents events) {
		return (message) -> events.accept(message, ProfileEvents.FEEDBACK_TYPES);
	}

	/** Bound to {@code complaint.cases} as {@code caseEvents-in-0}. */
	@Bean
	Consumer<Message<byte[]>> caseEvents(ProfileEvents events) {
		return (message) -> events.accept(message, ProfileEvents.CASE_TYPES);
	}

	/** Bound to {@code customer.signals} (this service's own topic) as {@code signalEvents-in-0}. */
	@Bean
	Consumer<Message<byte[]>> signalEvents(ProfileEvents events) {
		return (message) -> events.accept(message, ProfileEvents.SIGNAL_TYPES);
	}

}
