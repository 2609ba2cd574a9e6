package io.feedbackloop.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import io.feedbackloop.notification.channel.ProviderGuards;
import io.feedbackloop.notification.channel.SendOutcome;
import io.feedbackloop.notification.pacing.DailyCap;
import io.feedbackloop.notification.pacing.PacingProperties;
import io.feedbackloop.notification.pacing.QuietHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One attempt at one outbox message: stop if its delivery is already final; hold a paced customer
 * message back at night or beyond the daily cap; otherwise hand it to the provider's guards and
 * record the outcome — sent, refused for good (failed, with the reason, never retried), or failed for
 * now (pending, retried with back-off until {@code give-up-after}).
 */
@Component
class DeliveryAttempts {

	private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

	private final DeliveryLog deliveries;

	private final Outbox outbox;

	private final ProviderGuards providers;

	private final QuietHours quietHours;

	private final DailyCap dailyCap;

	private final PacingProperties pacing;

	private final OutboxProperties properties;

	private final DeliveryMetrics metrics;

	private final Clock clock;

	DeliveryAttempts(DeliveryLog deliveries, Outbox outbox, ProviderGuards providers, QuietHours quietHours,
			DailyCap dailyCap, PacingProperties pacing, OutboxProperties properties, DeliveryMetrics metrics,
			Clock clock) {
		this.deliveries = deliveries;
		this.outbox = outbox;
		this.providers = providers;
		this.quietHours = quietHours;
		this.dailyCap = dailyCap;
		this.pacing = pacing;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	void attempt(OutboxEntry entry) {
		Optional<Delivery> delivery = this.deliveries.find(entry.id());
		if (delivery.isEmpty() || delivery.get().status().isFinal()) {
			// Sent before a crash, or queued again by a redelivered event after it was sent.
			this.outbox.remove(entry.id());
			return;
		}
		Instant now = this.clock.instant();
		ZoneId zone = entry.zone();
		LocalDate capDay = null;
		if (entry.audience() == Audience.CUSTOMER && zone != null && this.pacing.paces(entry.template())) {
			if (this.quietHours.isQuiet(now, zone)) {
				defer(entry, this.quietHours.nextAllowed(now, zone), "quiet hours in " + zone.getId(), "quiet-hours");
				return;
			}
			LocalDate today = now.atZone(zone).toLocalDate();
			if (!this.dailyCap.take(entry.customerId(), today, entry.id())) {
				defer(entry, this.quietHours.nextAllowed(DailyCap.nextDay(now, zone), zone),
						"daily cap of " + this.pacing.dailyCap() + " messages reached", "daily-cap");
				return;
			}
			capDay = today;
		}
		SendOutcome outcome = this.providers.send(entry.recipient(), entry.message());
		if (capDay != null && outcome.result() != SendOutcome.Result.SENT) {
			this.dailyCap.release(entry.customerId(), capDay, entry.id());
		}
		record(entry, outcome, this.clock.instant());
	}

	private void record(OutboxEntry entry, SendOutcome outcome, Instant now) {
		String template = entry.template();
		switch (outcome.result()) {
			case SENT -> {
				this.deliveries.markSent(entry.id(), String.valueOf(outcome.providerMessageId()), now, outcome.calls());
				this.outbox.remove(entry.id());
				this.metrics.sent(entry.recipient().channel(), template, Duration.between(entry.since(), now));
				log.info("Sent {} for case {} to {} ({}, {} call(s))", template, entry.caseId(), entry.recipient(),
						outcome.providerMessageId(), outcome.calls());
			}
			case REFUSED -> {
				this.deliveries.markFailed(entry.id(), String.valueOf(outcome.reason()), now, outcome.calls());
				this.outbox.remove(entry.id());
				this.metrics.failed(entry.recipient().channel(), template, String.valueOf(outcome.failureKind()));
				log.warn("Could not send {} for case {} to {}: {}", template, entry.caseId(), entry.recipient(),
						outcome.reason());
			}
			case FAILED, NOT_ATTEMPTED -> retryLater(entry, outcome, now);
		}
	}

	private void retryLater(OutboxEntry entry, SendOutcome outcome, Instant now) {
		boolean attempted = outcome.result() == SendOutcome.Result.FAILED;
		if (attempted) {
			this.metrics.failed(entry.recipient().channel(), entry.template(), DeliveryMetrics.UNAVAILABLE);
		}
		if (!now.isBefore(entry.createdAt().plus(this.properties.giveUpAfter()))) {
			String reason = "not delivered within " + this.properties.giveUpAfter() + "; last failure: "
					+ outcome.reason();
			this.deliveries.markFailed(entry.id(), reason, now, outcome.calls());
			this.outbox.remove(entry.id());
			this.metrics.failed(entry.recipient().channel(), entry.template(), DeliveryMetrics.EXPIRED);
			log.warn("Gave up {} for case {} to {}: {}", entry.template(), entry.caseId(), entry.recipient(), reason);
			return;
		}
		int failures = attempted ? entry.failures() + 1 : entry.failures();
		Instant next = now.plus(attempted ? this.properties.backoff(failures) : this.properties.retryInitial());
		Duration retryAfter = outcome.retryAfter();
		if (retryAfter != null) {
			// The provider said when (Retry-After): not before, however short our back-off.
			Duration wait = (retryAfter.compareTo(this.properties.giveUpAfter()) > 0) ? this.properties.giveUpAfter()
					: retryAfter;
			Instant asked = now.plus(wait);
			next = asked.isAfter(next) ? asked : next;
		}
		if (attempted) {
			this.deliveries.recordAttemptFailed(entry.id(), String.valueOf(outcome.reason()), now, outcome.calls(),
					next);
		}
		else {
			this.deliveries.recordNotAttempted(entry.id(), String.valueOf(outcome.reason()), next);
		}
		this.outbox.reschedule(entry.id(), next, failures);
		log.warn("Sending {} for case {} to {} failed for now, next attempt at {}: {}", entry.template(),
				entry.caseId(), entry.recipient(), next, outcome.reason());
	}

	private void defer(OutboxEntry entry, Instant until, String reason, String tag) {
		this.deliveries.markDeferred(entry.id(), reason, until);
		this.outbox.reschedule(entry.id(), until, entry.failures());
		this.metrics.deferred(entry.recipient().channel(), entry.template(), tag);
		log.info("Deferred {} for case {} to {} until {}: {}", entry.template(), entry.caseId(), entry.recipient(),
				until, reason);
	}

}
