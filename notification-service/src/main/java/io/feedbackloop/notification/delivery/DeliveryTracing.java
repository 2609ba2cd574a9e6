package io.feedbackloop.notification.delivery;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps a message's trace across the outbox: the W3C {@code traceparent} of the event that queued
 * the message is stored with it, and every send attempt runs in a span continuing that trace, so the
 * drainer's log lines carry the same trace id as the POST that brought the complaint.
 */
@Component
class DeliveryTracing {

	private static final String TRACE_PARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	DeliveryTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
	}

	/** The current trace as a W3C {@code traceparent}, or null outside a trace. */
	@Nullable String currentTraceParent() {
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACE_PARENT);
	}

	/** Runs the attempt in a span that continues {@code traceParent} (a new trace when absent). */
	void inTrace(@Nullable String traceParent, String name, Runnable attempt) {
		Map<String, String> carrier = (traceParent != null) ? Map.of(TRACE_PARENT, traceParent) : Map.of();
		Span span = this.propagator.extract(carrier, Map::get).name(name).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			attempt.run();
		}
		finally {
			span.end();
		}
	}

}
