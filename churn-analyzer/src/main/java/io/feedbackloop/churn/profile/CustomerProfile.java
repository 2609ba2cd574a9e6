package io.feedbackloop.churn.profile;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.WinLossRecorded;
import org.jspecify.annotations.Nullable;

/**
 * What churn-analyzer knows about one customer, as the REST API shows it. A profile can exist before
 * its first contact is counted: a customer's events on complaint.cases may be consumed before those
 * on feedback.intake, so the contact fields are then null or zero.
 *
 * @param customerId the customer
 * @param firstContactAt the earliest receipt of feedback from the customer
 * @param lastContactAt the latest receipt of feedback from the customer
 * @param contacts pieces of feedback received
 * @param contactsByChannel contacts per channel (phone, sms, web, app; zero included)
 * @param feedbackByKind classified feedback per kind (complaint, praise, suggestion, inquiry)
 * @param feedbackBySentiment classified feedback per sentiment (negative, neutral, positive)
 * @param complaintsByCategory complaints per category, such as {@code billing}
 * @param openComplaints complaint cases opened and not yet resolved
 * @param lastComplaintAt when the latest complaint that opened a case was received
 * @param lastCaseId the latest complaint case, also the customer's reference number
 * @param slaBreaches SLA targets missed on the customer's cases
 * @param slaBreachesByTimer those per timer ({@code first-response}, {@code resolution}, ...)
 * @param competitorMentions pieces of feedback naming a competitor
 * @param competitorsNamed mentions per configured competitor term
 * @param portingMentions pieces of feedback about leaving with the number (携号转网)
 * @param valueTier the customer's value tier, when an event or a win/loss record told it
 * @param wins win/loss records saying won or kept
 * @param losses win/loss records saying lost
 * @param lastOutcome {@code won} or {@code lost}, from the latest win/loss record
 * @param health what the facts mean: complaint outcome, resolution time, sentiment trend, CSAT/NPS,
 * lifecycle stage, loyalty, value rank (see the README)
 * @param risk the churn-risk score, its level and each signal's contribution
 * @param riskEpisodeOpen whether the customer is in an at-risk episode
 * @param updatedAt when the profile last changed
 */
public record CustomerProfile(CustomerId customerId, @Nullable Instant firstContactAt, @Nullable Instant lastContactAt,
		long contacts, Map<String, Long> contactsByChannel, Map<String, Long> feedbackByKind,
		Map<String, Long> feedbackBySentiment, Map<String, Long> complaintsByCategory, long openComplaints,
		@Nullable Instant lastComplaintAt, @Nullable String lastCaseId, long slaBreaches,
		Map<String, Long> slaBreachesByTimer, long competitorMentions, Map<String, Long> competitorsNamed,
		long portingMentions, @Nullable String valueTier, long wins, long losses, @Nullable String lastOutcome,
		Map<String, Object> health, Map<String, Object> risk, boolean riskEpisodeOpen, Instant updatedAt) {

	/**
	 * The customer's history in the figures a win/loss record keeps (see {@link WinLossRecorded.ServiceHistory});
	 * none for a customer known only from win/loss records or a tier (no feedback, no case).
	 */
	public Optional<WinLossRecorded.ServiceHistory> serviceHistory() {
		long complaints = count(this.health.get("complaints"));
		if (this.contacts == 0 && complaints == 0 && this.lastCaseId == null) {
			return Optional.empty();
		}
		return Optional.of(new WinLossRecorded.ServiceHistory(this.firstContactAt, this.contacts, complaints,
				this.openComplaints, (String) this.health.get("complaintOutcome"), this.slaBreaches, this.lastCaseId,
				integer(this.risk.get("score")), integer(this.health.get("csatLast")),
				integer(this.health.get("npsLast"))));
	}

	private static long count(@Nullable Object value) {
		return (value instanceof Number n) ? n.longValue() : 0;
	}

	private static @Nullable Integer integer(@Nullable Object value) {
		return (value instanceof Number n) ? n.intValue() : null;
	}

}
