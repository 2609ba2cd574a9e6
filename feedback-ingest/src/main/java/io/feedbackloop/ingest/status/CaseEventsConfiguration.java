package io.feedbackloop.ingest.status;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Spring Cloud Stream consumer of {@code complaint.cases} (binding {@code caseEvents-in-0},
 * group {@code feedback-ingest}; dead letters to {@code feedback-ingest.dlq}, see application.yml).
 */
@Configuration(proxyBeanMethods = false)
class CaseEventsConfiguration {

	@Bean
	Consumer<Message<byte[]>> caseEvents(CaseEventsHandler handler) {
		return handler::handle;
	}

}
