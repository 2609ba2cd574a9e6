package io.feedbackloop.router.intake;

import java.time.Clock;
import java.util.function.Consumer;

import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.classification.Classifier;
import io.feedbackloop.router.classification.KeywordClassifier;
import io.feedbackloop.router.routing.RoutingProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean
	Classifier classifier() {
		return new KeywordClassifier();
	}

	@Bean
	FeedbackIntake feedbackIntakeHandler(Classifier classifier, RoutingProperties routing, CaseStore cases,
			EventPublisher publisher, IdempotentConsumer idempotent, Clock clock, MeterRegistry meters) {
		return new FeedbackIntake(classifier, routing, cases, publisher, idempotent, clock, meters);
	}

	/** Bound to {@code feedback.intake} as {@code feedbackIntake-in-0}. */
	@Bean
	Consumer<Message<byte[]>> feedbackIntake(FeedbackIntake handler) {
		return handler::accept;
	}

}
