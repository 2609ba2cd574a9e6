package io.feedbackloop.router.triage;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.router.cases.CaseStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code feedbackloop_router_triage_queue}: the cases waiting in manual triage, counted in MongoDB at
 * each scrape, so that every instance reports the same shared queue (dashboards take the maximum or
 * one instance's value, never the sum).
 */
@Component
class TriageMetrics {

	TriageMetrics(CaseStore cases, MeterRegistry meters) {
		Gauge.builder("feedbackloop.router.triage.queue", cases, (store) -> store.countInStatus(CaseStatus.TRIAGE))
			.description("Complaint cases waiting for a person to decide their kind and category")
			.register(meters);
	}

}
