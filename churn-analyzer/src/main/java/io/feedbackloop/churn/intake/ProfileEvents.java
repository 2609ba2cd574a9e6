package io.feedbackloop.churn.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.feedbackloop.churn.profile.ChurnProperties;
import io.feedbackloop.churn.profile.ProfileChange;
import io.feedbackloop.churn.profile.ProfileListener;
import io.feedbackloop.churn.profile.ProfileChanges;
import io.feedbackloop.churn.profile.ProfileStore;
import io.feedbackloop.contracts.CloudEventHeaders;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.Event;
import io.feedbackloop.contracts.EventTypes;
import io.feedbackloop.platform.EventMessages;
import io.feedbackloop.platform.IdempotentConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;

/**
 * Applies the events the profile follows ({@link #FEEDBACK_TYPES}, {@link #CASE_TYPES},
 * {@link #SIGNAL_TYPES}) to the customer's profile, each event once: the platform's idempotent consumer
 * turns away repeats
 * it has marked, and {@link ProfileStore#apply} recognises the one repeat it cannot, an event applied
 * just before a crash and not yet marked.
 */
class ProfileEvents {

	static final String CONSUMER = "churn-analyzer.profile";

	static final Set<String> FEEDBACK_TYPES = Set.of(EventTypes.FEEDBACK_RECEIVED.name());

	static final Set<String> CASE_TYPES = Set.of(EventTypes.FEEDBACK_CLASSIFIED.name(),
			EventTypes.COMPLAINT_ROUTED.name(), EventTypes.COMPLAINT_RECLASSIFIED.name(),
			EventTypes.COMPLAINT_STATUS_CHANGED.name(), EventTypes.COMPLAINT_RESPONDED.name(),
			EventTypes.SLA_BREACHED.name(), EventTypes.SLA_MET.name());

	/** churn-analyzer's own topic: the win/loss log comes back from it into profiles and {@code win_loss}. */
	static final Set<String> SIGNAL_TYPES = Set.of(EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name());

	private static final Logger log = LoggerFactory.getLogger(ProfileEvents.class);

	private final ProfileStore profiles;

	private final IdempotentConsumer idempotent;

	private final MeterRegistry meters;

	private final ChurnProperties properties;

	private final List<ProfileListener> listeners;

	ProfileEvents(ProfileStore profiles, IdempotentConsumer idempotent, MeterRegistry meters,
			ChurnProperties properties, List<ProfileListener> listeners) {
		this.profiles = profiles;
		this.idempotent = idempotent;
		this.meters = meters;
		this.properties = properties;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * A Spring Cloud Stream entry point for one topic: events of the given types are applied, others
	 * ignored, and a malformed event throws and goes to the dead-letter topic.
	 */
	void accept(Message<byte[]> message, Set<String> types) {
		// Checked before decoding: a type added to the topic later (complaint.resolved.v1, say) is not
		// known to the contracts this build has, and EventCodec would call it malformed.
		@Nullable String type = header(message, CloudEventHeaders.TYPE);
		if (type != null && !types.contains(type)) {
			log.debug("Ignoring {} event", type);
			return;
		}
		EventMessages.read(message).ifPresent((event) -> {
			boolean handled = this.idempotent.handleOnce(CONSUMER, event, this::apply);
			if (!handled) {
				count("duplicate", event);
			}
		});
	}

	/**
	 * Applies one event to its customer's profile, unless it was applied before; events of other
	 * types change nothing.
	 */
	Optional<ProfileStore.Outcome> apply(Event<?> event) {
		return changeOf(event, this.properties).map((c) -> {
			ProfileStore.Applied applied = this.profiles.applyAndGet(c.customer(), event.envelope().id(), c.change());
			count((applied.outcome() == ProfileStore.Outcome.APPLIED) ? "applied" : "duplicate", event);
			// Also after a repeat: a crash may have come between the profile update and the listeners.
			this.listeners.forEach((listener) -> listener.changed(c.customer(), event, applied.profile()));
			return applied.outcome();
		});
	}

	/** What the event changes in which customer's profile; empty for types the profile does not follow. */
	static Optional<Change> changeOf(Event<?> event, ChurnProperties properties) {
		return event.dataAs(EventTypes.FEEDBACK_RECEIVED)
			.map((d) -> new Change(d.customerId(), ProfileChanges.received(d, properties)))
			.or(() -> event.dataAs(EventTypes.FEEDBACK_CLASSIFIED)
				.map((d) -> new Change(d.customerId(), ProfileChanges.classified(d))))
			.or(() -> event.dataAs(EventTypes.COMPLAINT_ROUTED)
				.map((d) -> new Change(d.customerId(), ProfileChanges.routed(d))))
			.or(() -> event.dataAs(EventTypes.COMPLAINT_RECLASSIFIED)
				.map((d) -> new Change(d.customerId(), ProfileChanges.reclassified(d))))
			.or(() -> event.dataAs(EventTypes.COMPLAINT_STATUS_CHANGED)
				.map((d) -> new Change(d.customerId(), ProfileChanges.statusChanged(d))))
			.or(() -> event.dataAs(EventTypes.COMPLAINT_RESPONDED)
				.map((d) -> new Change(d.customerId(), ProfileChanges.responded(d))))
			.or(() -> event.dataAs(EventTypes.SLA_BREACHED)
				.map((d) -> new Change(d.customerId(), ProfileChanges.slaBreached(d))))
			.or(() -> event.dataAs(EventTypes.SLA_MET)
				.map((d) -> new Change(d.customerId(), ProfileChanges.slaMet(d))))
			.or(() -> event.dataAs(EventTypes.CUSTOMER_WIN_LOSS_RECORDED)
				.map((d) -> new Change(d.customerId(), ProfileChanges.winLoss(d))));
	}

	private void count(String outcome, Event<?> event) {
		this.meters.counter("feedbackloop.churn.events." + outcome, "type", event.envelope().type()).increment();
	}

	private static @Nullable String header(Message<byte[]> message, String name) {
		Object value = message.getHeaders().get(name);
		if (value == null) {
			return null;
		}
		return (value instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : value.toString();
	}

	record Change(CustomerId customer, ProfileChange change) {

	}

}
