package io.feedbackloop.router;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.router.cases.CaseReferences;
import io.feedbackloop.router.cases.CaseStore;
import io.feedbackloop.router.cases.ComplaintCase;
import io.feedbackloop.router.classification.Classification;
import org.jspecify.annotations.Nullable;

/**
 * Object Mother for complaint cases in any status, stored directly (as if they had come that far), each
 * for a fresh customer.
 */
public final class Cases {

	private static final Set<CaseStatus> REMEDY_KNOWN = EnumSet.of(CaseStatus.REMEDY_PROPOSED,
			CaseStatus.REMEDY_APPROVED, CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED);

	private Cases() {
	}

	public static ComplaintCase stored(CaseStore store, CaseStatus status, @Nullable CaseStatus pausedFrom) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return stored(store, status, pausedFrom, now, now);
	}

	public static ComplaintCase stored(CaseStore store, CaseStatus status, @Nullable CaseStatus pausedFrom,
			Instant statusChangedAt, Instant lastContactAt) {
		return store.openIfAbsent(inStatus(status, pausedFrom, statusChangedAt, lastContactAt), List.of());
	}

	public static ComplaintCase inStatus(CaseStatus status, @Nullable CaseStatus pausedFrom, Instant statusChangedAt,
			Instant lastContactAt) {
		FeedbackReceived feedback = Feedbacks.received(Channel.PHONE, "我要投诉，家里手机信号太差，一直掉线", "zh");
		Instant receivedAt = lastContactAt.minus(Duration.ofHours(1));
		CaseId caseId = CaseReferences.forFeedback(feedback.feedbackId(), receivedAt);
		CaseStatus stage = (pausedFrom != null) ? pausedFrom : status;
		boolean remedyKnown = REMEDY_KNOWN.contains(stage);
		boolean assigned = stage != CaseStatus.TRIAGE && stage != CaseStatus.RECEIVED;
		return new ComplaintCase(caseId, feedback.feedbackId(), feedback.customerId(), feedback.channel(),
				feedback.channelRecordId(), feedback.contact(), "zh", feedback.text(),
				new Classification(FeedbackKind.COMPLAINT, "network", 0.9, "negative", "test", List.of("kind:投诉")),
				"normal", "standard", "network-operations", "agent", "rules[2]", assigned ? "agent-li" : null, status,
				pausedFrom, receivedAt, receivedAt.plus(Duration.ofHours(24)), receivedAt, statusChangedAt,
				lastContactAt, null, 0, 0, 1, remedyKnown ? "base station maintenance" : null,
				remedyKnown ? "network-operations" : null, remedyKnown ? "compensation" : null, null, null,
				List.of(new ComplaintCase.HistoryEntry(ComplaintCase.HistoryEntry.OPENED, null, status, receivedAt,
						"system", "system", "test fixture", Map.of())),
				1);
	}

}
