package io.feedbackloop.router.intake;

import java.time.Clock;
import java.util.function.Consumer;

import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.router.cases.CaseEventOutbox;
import io.feedbackloop.router.cases.CaseService;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.classification.Classifier;
import io.feedbackloop.router.routing.Router;
import io.feedbackloop.router.severity.SeverityAssessor;
import io.feedbackloop.router.triage.TriageProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean
	RepeatContacts repeatContacts(CaseStore store, CaseService cases, RepeatContactProperties properties,
			TriageProperties triage, MeterRegistry meters, SeverityAssessor severities) {
		return new RepeatContacts(store, cases, properties, triage, meters, severities);
	}

	@Bean
	FeedbackIntake feedbackIntakeHandler(Classifier classifier, Router router, TriageProperties triage,
			RepeatContacts repeatContacts, CaseStore cases, CaseEventOutbox outbox, EventPublisher publisher,
			IdempotentConsumer idempotent, Clock clock, MeterRegistry meters, SeverityAssessor severities) {
		return new FeedbackIntake(classifier, router, triage, repeatContacts, cases, outbox, publisher, idempotent,
				clock, meters, severities);
	}

	/** Bound to {@code feedback.intake} as {@code feedbackIntake-in-0}. */
	@Bean
	Consumer<Message<byte[]>> feedbackIntake(FeedbackIntake handler) {
		return handler::accept;
	}

}
