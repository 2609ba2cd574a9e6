package io.feedbackloop.contracts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Object Mother for the event records: one fully-populated sample per event type, every component set
 * (nullable ones included), with fixed instants, so that the encoded JSON shows every field the
 * contract has. The three samples tell one story: a Chinese complaint about 5G coverage, classified,
 * then routed.
 */
final class EventSamples {

	static final FeedbackId FEEDBACK_ID = FeedbackId.of("fb-6f1c2a4e-3b7d-4c8e-9a10-2b3c4d5e6f70");

	static final CustomerId CUSTOMER_ID = CustomerId.of("C-1000234");

	static final CaseId CASE_ID = CaseId.of("CASE-20260301-0001");

	static final Instant OCCURRED_AT = Instant.parse("2026-03-01T08:12:00Z");

	static final Instant RECEIVED_AT = Instant.parse("2026-03-01T08:15:30.250Z");

	static final Instant CLASSIFIED_AT = Instant.parse("2026-03-01T08:15:31.100Z");

	static final Instant ROUTED_AT = Instant.parse("2026-03-01T08:15:31.200Z");

	static final Duration PROMISED_FIRST_RESPONSE = Duration.ofHours(24);

	private EventSamples() {
	}

	static Contact contact() {
		return new Contact("王芳", "+8613800138000", "wang.fang@example.com");
	}

	static FeedbackReceived feedbackReceived() {
		return new FeedbackReceived(FEEDBACK_ID, Channel.APP, "app-7781-20260301-0042", CUSTOMER_ID, contact(),
				OCCURRED_AT, RECEIVED_AT, "5G信号在家里一直很差，打电话也经常掉线，请尽快处理。", "zh", channelDetails());
	}

	/**
	 * Every part set, so that the golden file pins every field; feedback-ingest itself sets only the part
	 * of the record's channel.
	 */
	static ChannelDetails channelDetails() {
		return new ChannelDetails(
				new ChannelDetails.PhoneCall("CALL-20260301-0815-0042", "agent-0042", List.of("1", "3", "0"),
						"rec://callcentre/2026/03/01/CALL-20260301-0815-0042.wav"),
				new ChannelDetails.Sms("+8613800138000", "smsgw-5520317"),
				new ChannelDetails.WebForm("complaint-form", "/support/complaints",
						"hmac-sha256:3f0a6c1e9b2d4f5a8c7e6d5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a59"),
				new ChannelDetails.App("8.2.1", "android",
						"hmac-sha256:9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b"),
				List.of(new ChannelDetails.Attachment("https://files.example.com/app/7781/screenshot-0042.jpg",
						"image/jpeg", 184320)),
				Map.of("storeId", "GZ-0012", "campaign", "5g-upgrade"));
	}

	static FeedbackClassified feedbackClassified() {
		return new FeedbackClassified(FEEDBACK_ID, CUSTOMER_ID, Channel.APP, FeedbackKind.COMPLAINT, "network", 0.87,
				"negative", "zh", "keyword-rules-2026.03", CASE_ID, CLASSIFIED_AT);
	}

	static ComplaintRouted complaintRouted() {
		return new ComplaintRouted(CASE_ID, FEEDBACK_ID, CUSTOMER_ID, Channel.APP, contact(), "zh", "network",
				"network-operations", RECEIVED_AT, RECEIVED_AT.plus(PROMISED_FIRST_RESPONSE), ROUTED_AT, "critical",
				"gold");
	}

	static final Instant CHANGED_AT = Instant.parse("2026-03-01T09:40:00.500Z");

	static final Instant RESPONDED_AT = Instant.parse("2026-03-01T09:05:12Z");

	static ComplaintStatusChanged complaintStatusChanged() {
		return new ComplaintStatusChanged(CASE_ID, CUSTOMER_ID, CaseStatus.INVESTIGATING, CaseStatus.REMEDY_PROPOSED,
				"agent-0042", "agent", "基站维护导致信号弱，建议补偿一个月流量",
				Map.of("cause", "base station maintenance", "responsibleParty", "network-operations", "remedy",
						"compensation"),
				4, CHANGED_AT);
	}

	static ComplaintResponded complaintResponded() {
		return new ComplaintResponded(CASE_ID, CUSTOMER_ID, "agent-0042", "phone", true, RESPONDED_AT,
				CaseStatus.INVESTIGATING);
	}

	static final Instant LINKED_AT = Instant.parse("2026-03-02T10:20:05.300Z");

	static RepeatContactRecorded repeatContactRecorded() {
		return new RepeatContactRecorded(CASE_ID, CUSTOMER_ID,
				FeedbackId.of("fb-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"), Channel.SMS, "network", "category", 1,
				Instant.parse("2026-03-02T10:20:04.900Z"), 6, LINKED_AT, "high", "gold");
	}

	static final Instant RECLASSIFIED_AT = Instant.parse("2026-03-01T08:40:12.750Z");

	static ComplaintReclassified complaintReclassified() {
		return new ComplaintReclassified(CASE_ID, FEEDBACK_ID, CUSTOMER_ID, FeedbackKind.COMPLAINT, "network",
				FeedbackKind.COMPLAINT, "broadband", "critical", "high", "agent-0042", "agent",
				"家里宽带光猫灯不亮，不是5G信号", 3, RECLASSIFIED_AT);
	}

	static final Instant SLA_DUE_AT = RECEIVED_AT.plus(PROMISED_FIRST_RESPONSE);

	static SlaWarning slaWarning() {
		Instant scheduledAt = RECEIVED_AT.plus(Duration.ofHours(12));
		return new SlaWarning(CASE_ID, CUSTOMER_ID, "network-operations", "network", "high", "gold",
				SlaTimerKind.FIRST_RESPONSE, "standard", 0, 0.5, SLA_DUE_AT, scheduledAt,
				scheduledAt.plusMillis(12), 12);
	}

	static SlaBreached slaBreached() {
		return new SlaBreached(CASE_ID, CUSTOMER_ID, "network-operations", "network", "high", "gold",
				SlaTimerKind.FIRST_RESPONSE, "standard", 0, SLA_DUE_AT, SLA_DUE_AT.plusMillis(8), 8);
	}

	static SlaEscalated slaEscalated() {
		Instant scheduledAt = SLA_DUE_AT.plus(Duration.ofHours(2));
		return new SlaEscalated(CASE_ID, CUSTOMER_ID, "network-operations", "network", "high", "gold",
				SlaTimerKind.FIRST_RESPONSE, "standard", 0, 2, "department-head", SLA_DUE_AT, scheduledAt,
				scheduledAt.plusMillis(15), 15);
	}

	static SlaMet slaMet() {
		return new SlaMet(CASE_ID, CUSTOMER_ID, "network-operations", "network", "high", "gold",
				SlaTimerKind.INTERNAL_TARGET, "standard", 0, RECEIVED_AT.plus(Duration.ofHours(12)), RESPONDED_AT);
	}

	static final Instant RAISED_AT = Instant.parse("2026-03-03T10:00:00.250Z");

	static ChurnRiskRaised churnRiskRaised() {
		return new ChurnRiskRaised(CUSTOMER_ID, 1, 58, 50,
				List.of(new ChurnRiskRaised.Contribution("openComplaints", 1, 10.0, 10.0),
						new ChurnRiskRaised.Contribution("slaBreaches", 1, 8.0, 8.0),
						new ChurnRiskRaised.Contribution("portingMentions", 1, 25.0, 25.0),
						new ChurnRiskRaised.Contribution("competitorMentions", 1, 15.0, 15.0)),
				"gold", CASE_ID.value(), RAISED_AT);
	}

	static WinLossRecorded winLossRecorded() {
		return new WinLossRecorded("WL-7a1c2e90", CUSTOMER_ID, "王女士", "gold", "sales-12",
				"Customer since 2019; two billing complaints in 2026, one closed late",
				new WinLossRecorded.ServiceHistory(Instant.parse("2019-03-02T09:15:00Z"), 14, 2, 0,
						"resolved", 1, "C261103-7F3K9QXW2M", 58, 2, 4),
				"5G family plan, 3 lines",
				WinLossOutcome.LOST, WinLossReason.COMPETITOR, "Moved to a competitor's cheaper family plan",
				"Offer the family discount and a loyalty month free",
				"Her broadband stays with us: the village has no other fibre", "analyst-3", false, RAISED_AT);
	}

	/** The sample of each event type; a type added to {@link EventTypes#ALL} without one fails the tests. */
	static final Map<String, Object> BY_TYPE_NAME = Map.ofEntries(
			Map.entry(EventTypes.FEEDBACK_RECEIVED.name(), feedbackReceived()),
			Map.entry(EventTypes.FEEDBACK_CLASSIFIED.name(), feedbackClassified()),
			Map.entry(EventTypes.COMPLAINT_ROUTED.name(), complaintRouted()),
			Map.entry(EventTypes.COMPLAINT_STATUS_CHANGED.name(), complaintStatusChanged()),
			Map.entry(EventTypes.COMPLAINT_RESPONDED.name(), complaintResponded()),
			Map.entry(EventTypes.COMPLAINT_REPEAT_CONTACT.name(), repeatContactRecorded()),
			Map.entry(EventTypes.COMPLAINT_RECLASSIFIED.name(), complaintReclassified()),
			Map.entry(EventTypes.SLA_WARNING.name(), slaWarning()),
			Map.entry(EventTypes.SLA_BREACHED.name(), slaBreached()),
			Map.entry(EventTypes.SLA_ESCALATED.name(), slaEscalated()),
			Map.entry(EventTypes.SLA_MET.name(), slaMet()),
			Map.entry(EventTypes.CUSTOMER_CHURN_RISK.name(), churnRiskRaised()),
			Map.entry(EventTypes.CUSTOMER_WIN_LOSS_RECORDED.name(), winLossRecorded()));

	static <T> T sampleOf(EventType<T> type) {
		Object sample = BY_TYPE_NAME.get(type.name());
		if (sample == null) {
			throw new IllegalStateException("no sample for " + type.name() + ": add one to " + EventSamples.class);
		}
		return type.dataClass().cast(sample);
	}

	static <T> Event<T> eventOf(EventType<T> type) {
		return EventCodec.event(type, EventCodec.derivedId(type.name(), FEEDBACK_ID.value()), "/test", RECEIVED_AT,
				FEEDBACK_ID.value(), CUSTOMER_ID, sampleOf(type));
	}

}
