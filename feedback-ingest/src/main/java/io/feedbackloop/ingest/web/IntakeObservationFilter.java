package io.feedbackloop.ingest.web;

import java.io.IOException;

import io.feedbackloop.ingest.intake.IntakeMetrics;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Counts intake requests in flight and times each from arrival to answer, whatever the outcome. */
@Component
class IntakeObservationFilter extends OncePerRequestFilter {

	private static final String INTAKE_PATH = "/api/v1/feedback";

	private final IntakeMetrics metrics;

	IntakeObservationFilter(IntakeMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !"POST".equals(request.getMethod())
				|| !(INTAKE_PATH.equals(path) || BodySizeLimitFilter.BATCH_PATH.equals(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Timer.Sample sample = this.metrics.requestStarted();
		try {
			chain.doFilter(request, response);
		}
		finally {
			String endpoint = BodySizeLimitFilter.BATCH_PATH.equals(request.getRequestURI()) ? "batch" : "single";
			this.metrics.requestDone(sample, endpoint, response.getStatus());
		}
	}

}
