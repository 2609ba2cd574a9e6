package io.feedbackloop.router.cases;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The case timers: the silence check and the outbox relay, each at its configured interval. Every
 * instance runs them; that is safe because each change is conditional on the case's version.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CaseJobs implements SchedulingConfigurer {

	private final CasesProperties properties;

	private final SilenceCloser silenceCloser;

	private final CaseEventOutbox outbox;

	CaseJobs(CasesProperties properties, SilenceCloser silenceCloser, CaseEventOutbox outbox) {
		this.properties = properties;
		this.silenceCloser = silenceCloser;
		this.outbox = outbox;
	}

	@Bean
	static SilenceCloser silenceCloser(CaseStore store, CaseService cases, CasesProperties properties, Clock clock) {
		return new SilenceCloser(store, cases, properties, clock);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this.silenceCloser::closeSilentCases,
				this.properties.silenceCheckInterval(), this.properties.silenceCheckInterval()));
		registrar.addFixedDelayTask(new FixedDelayTask(this.outbox::relay, this.properties.outboxRelayInterval(),
				this.properties.outboxRelayInterval()));
	}

}
