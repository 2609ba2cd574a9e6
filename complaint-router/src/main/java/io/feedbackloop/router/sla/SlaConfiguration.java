package io.feedbackloop.router.sla;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import com.mongodb.client.MongoDatabase;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.platform.EventPublisher;
import io.feedbackloop.platform.IdempotentConsumer;
import io.feedbackloop.platform.PlatformProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

	@Bean
	SlaRules slaRules(SlaProperties properties) {
		return new SlaRules(new PolicyCatalog(properties.policies()), new Calendars(properties.calendars(),
				properties.departmentCalendars(), properties.defaultCalendar()));
	}

	@Bean
	TimerStore slaTimerStore(MongoDatabase database, Clock clock, SlaProperties properties) {
		return new TimerStore(database, clock, properties.engine());
	}

	@Bean
	SlaMetrics slaMetrics(MeterRegistry registry) {
		return new SlaMetrics(registry);
	}

	@Bean
	TimerEngine slaTimerEngine(TimerStore store, SlaRules rules, EventPublisher publisher, SlaMetrics metrics,
			Clock clock, SlaProperties properties, PlatformProperties platform) {
		return new TimerEngine(store, rules, publisher, metrics, clock, properties.engine(),
				platform.sendTimeout().plus(Duration.ofSeconds(1)));
	}

	@Bean
	CaseTimers caseTimers(TimerStore store, SlaRules rules, TimerEngine engine, EventPublisher publisher,
			SlaMetrics metrics, IdempotentConsumer idempotent) {
		return new CaseTimers(store, rules, engine, publisher, metrics, idempotent);
	}

	/**
	 * The SLA consumer's records of {@code complaint.cases} of types it does not act on
	 * ({@link CaseTimers#ignored}) are dropped by the binder's listener before conversion and retry (and
	 * not observed: {@link #slaIgnoredCaseEventsNotObserved}); their offsets are committed with the others.
	 * Other bindings are left as they are.
	 */
	@Bean
	ConsumerEndpointCustomizer<KafkaMessageDrivenChannelAdapter<Object, Object>> slaCaseEventsFilter() {
		return (adapter, destination, group) -> {
			if (Topics.COMPLAINT_CASES.name().equals(destination) && CaseTimers.CONSUMER.equals(group)) {
				adapter.setRecordFilterStrategy(CaseTimers::ignored);
				adapter.setAckDiscarded(true);
			}
		};
	}

	/**
	 * No observation (trace span, listener timer) of the records {@link #slaCaseEventsFilter} drops: the
	 * listener container starts one per record before the filter runs, and for the SLA events this service
	 * publishes itself (thousands a second when many timers fall due) that was a quarter of the service's
	 * CPU in {@code bench/timers} (JFR). The records the SLA consumer handles are observed as before.
	 */
	@Bean
	ObservationPredicate slaIgnoredCaseEventsNotObserved() {
		return (name, context) -> !(context instanceof KafkaRecordReceiverContext received
				&& CaseTimers.CONSUMER.equals(received.getGroupId())
				&& Topics.COMPLAINT_CASES.name().equals(received.getSource())
				&& CaseTimers.ignored(received.getRecord()));
	}

	/** Bound to {@code complaint.cases} as {@code slaCaseEvents-in-0}, in its own consumer group. */
	@Bean
	Consumer<Message<byte[]>> slaCaseEvents(CaseTimers timers) {
		return timers::accept;
	}

}
