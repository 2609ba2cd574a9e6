package io.feedbackloop.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the platform, declared once with its topic. */
public final class EventTypes {

	/** Where the JSON schemas are published; the file name is the type name plus {@code .json}. */
	public static final String SCHEMA_BASE = "https://schemas.feedbackloop.io/events/";

	public static final EventType<FeedbackReceived> FEEDBACK_RECEIVED = new EventType<>("feedback.received.v1",
			FeedbackReceived.class, Topics.FEEDBACK_INTAKE);

	public static final EventType<FeedbackClassified> FEEDBACK_CLASSIFIED = new EventType<>("feedback.classified.v1",
			FeedbackClassified.class, Topics.COMPLAINT_CASES);

	public static final EventType<ComplaintRouted> COMPLAINT_ROUTED = new EventType<>("complaint.routed.v1",
			ComplaintRouted.class, Topics.COMPLAINT_CASES);

	public static final EventType<ComplaintStatusChanged> COMPLAINT_STATUS_CHANGED = new EventType<>(
			"complaint.status-changed.v1", ComplaintStatusChanged.class, Topics.COMPLAINT_CASES);

	public static final EventType<ComplaintResponded> COMPLAINT_RESPONDED = new EventType<>("complaint.responded.v1",
			ComplaintResponded.class, Topics.COMPLAINT_CASES);

	public static final EventType<RepeatContactRecorded> COMPLAINT_REPEAT_CONTACT = new EventType<>(
			"complaint.repeat-contact.v1", RepeatContactRecorded.class, Topics.COMPLAINT_CASES);

	public static final EventType<ComplaintReclassified> COMPLAINT_RECLASSIFIED = new EventType<>(
			"complaint.reclassified.v1", ComplaintReclassified.class, Topics.COMPLAINT_CASES);

	public static final EventType<SlaWarning> SLA_WARNING = new EventType<>("complaint.sla.warning.v1",
			SlaWarning.class, Topics.COMPLAINT_CASES);

	public static final EventType<SlaBreached> SLA_BREACHED = new EventType<>("complaint.sla.breached.v1",
			SlaBreached.class, Topics.COMPLAINT_CASES);

	public static final EventType<SlaEscalated> SLA_ESCALATED = new EventType<>("complaint.sla.escalated.v1",
			SlaEscalated.class, Topics.COMPLAINT_CASES);

	public static final EventType<SlaMet> SLA_MET = new EventType<>("complaint.sla.met.v1", SlaMet.class,
			Topics.COMPLAINT_CASES);

	public static final EventType<ChurnRiskRaised> CUSTOMER_CHURN_RISK = new EventType<>("customer.churn-risk.v1",
			ChurnRiskRaised.class, Topics.CUSTOMER_SIGNALS);

	public static final EventType<WinLossRecorded> CUSTOMER_WIN_LOSS_RECORDED = new EventType<>(
			"customer.win-loss-recorded.v1", WinLossRecorded.class, Topics.CUSTOMER_SIGNALS);

	public static final List<EventType<?>> ALL = List.of(FEEDBACK_RECEIVED, FEEDBACK_CLASSIFIED, COMPLAINT_ROUTED,
			COMPLAINT_STATUS_CHANGED, COMPLAINT_RESPONDED, COMPLAINT_REPEAT_CONTACT, COMPLAINT_RECLASSIFIED,
			SLA_WARNING, SLA_BREACHED, SLA_ESCALATED, SLA_MET, CUSTOMER_CHURN_RISK, CUSTOMER_WIN_LOSS_RECORDED);

	private static final Map<String, EventType<?>> BY_NAME = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

	private EventTypes() {
	}

	public static Optional<EventType<?>> byName(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

}
