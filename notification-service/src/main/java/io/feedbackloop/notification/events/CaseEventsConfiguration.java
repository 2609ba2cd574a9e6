package io.feedbackloop.notification.events;

import java.util.function.Consumer;

import io.feedbackloop.notification.acknowledgement.Acknowledgements;
import io.feedbackloop.notification.cases.CaseDirectory;
import io.feedbackloop.notification.customer.CustomerNotices;
import io.feedbackloop.notification.staff.StaffNotices;
import io.feedbackloop.platform.IdempotentConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class CaseEventsConfiguration {

	@Bean
	CaseEvents caseEventsHandler(IdempotentConsumer idempotent, CaseDirectory cases, Acknowledgements acknowledgements,
			CustomerNotices customer, StaffNotices staff) {
		return new CaseEvents(idempotent, cases, acknowledgements, customer, staff);
	}

	/** Bound to {@code complaint.cases} as {@code caseEvents-in-0}. */
	@Bean
	Consumer<Message<byte[]>> caseEvents(CaseEvents handler) {
		return handler::accept;
	}

}
