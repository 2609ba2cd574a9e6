package io.feedbackloop.router.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.CaseId;
import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackId;
import io.feedbackloop.router.classification.Classification;
import org.jspecify.annotations.Nullable;

/**
 * A complaint case as stored in {@code complaint_cases}: the complaint recorded in full (who, when,
 * through which channel, in their words), what was decided about it (classification, severity, the
 * owning department's queue and owner role), where it is in the complaint process, what was found and
 * done, and its history. {@code version} grows with every change (optimistic concurrency).
 *
 * @param classification the current classification: the classifier's, or a person's correction
 * @param severity {@code low}, {@code normal}, {@code high} or {@code critical}
 * @param tier the customer's tier when the case was routed
 * @param ownerRole who may own the case: {@code agent} or {@code supervisor}
 * @param routingRule the routing-table rule that decided ({@code rules[2]} or {@code default})
 * @param assignee the person the case is assigned to; none while it waits in its department's queue
 * @param pausedFrom while waiting for the customer: the status it resumes to
 * @param statusChangedAt when the current status began
 * @param lastContactAt the customer's latest contact about this matter (repeat contacts included)
 * @param firstRespondedAt when an agent first answered the customer
 * @param responses how often an agent answered the customer
 * @param repeatContacts how often the customer came back about this matter while it was open
 * @param routings how many routing decisions were made (1 at opening, one more per re-route)
 * @param remedy refund, exchange, repair, discount, compensation or explanation
 * @param correctedBy who last corrected the classification
 * @param severityReasons why the case has its severity: the assessment's reasons when it opened, then one
 * more for each change (a repeat contact)
 */
public record ComplaintCase(CaseId caseId, FeedbackId feedbackId, CustomerId customerId, Channel channel,
		String channelRecordId, Contact contact, String language, String text, Classification classification,
		String severity, String tier, String department, String ownerRole, String routingRule, @Nullable String assignee,
		CaseStatus status, @Nullable CaseStatus pausedFrom, Instant receivedAt, Instant firstResponseDueAt,
		Instant routedAt, Instant statusChangedAt, Instant lastContactAt, @Nullable Instant firstRespondedAt,
		int responses, int repeatContacts, int routings, @Nullable String cause, @Nullable String responsibleParty,
		@Nullable String remedy, @Nullable String remedyApprovedBy, @Nullable String correctedBy,
		List<HistoryEntry> history, long version, List<String> severityReasons) {

	public ComplaintCase {
		severityReasons = List.copyOf(severityReasons);
	}

	/** A case without severity reasons (opened before they were recorded). */
	public ComplaintCase(CaseId caseId, FeedbackId feedbackId, CustomerId customerId, Channel channel,
			String channelRecordId, Contact contact, String language, String text, Classification classification,
			String severity, String tier, String department, String ownerRole, String routingRule,
			@Nullable String assignee, CaseStatus status, @Nullable CaseStatus pausedFrom, Instant receivedAt,
			Instant firstResponseDueAt, Instant routedAt, Instant statusChangedAt, Instant lastContactAt,
			@Nullable Instant firstRespondedAt, int responses, int repeatContacts, int routings, @Nullable String cause,
			@Nullable String responsibleParty, @Nullable String remedy, @Nullable String remedyApprovedBy,
			@Nullable String correctedBy, List<HistoryEntry> history, long version) {
		this(caseId, feedbackId, customerId, channel, channelRecordId, contact, language, text, classification,
				severity, tier, department, ownerRole, routingRule, assignee, status, pausedFrom, receivedAt,
				firstResponseDueAt, routedAt, statusChangedAt, lastContactAt, firstRespondedAt, responses,
				repeatContacts, routings, cause, responsibleParty, remedy, remedyApprovedBy, correctedBy, history, version,
				List.of());
	}

	/** The case with another classification and severity, for deciding a re-route. */
	public ComplaintCase withClassification(Classification newClassification, String newSeverity) {
		return new ComplaintCase(this.caseId, this.feedbackId, this.customerId, this.channel, this.channelRecordId,
				this.contact, this.language, this.text, newClassification, newSeverity, this.tier, this.department,
				this.ownerRole, this.routingRule, this.assignee, this.status, this.pausedFrom, this.receivedAt,
				this.firstResponseDueAt, this.routedAt, this.statusChangedAt, this.lastContactAt,
				this.firstRespondedAt, this.responses, this.repeatContacts, this.routings, this.cause,
				this.responsibleParty, this.remedy, this.remedyApprovedBy, this.correctedBy, this.history,
				this.version, this.severityReasons);
	}

	/** The case routed anew. */
	public ComplaintCase withRouting(String newTier, String newDepartment, String newOwnerRole, String newRule) {
		return new ComplaintCase(this.caseId, this.feedbackId, this.customerId, this.channel, this.channelRecordId,
				this.contact, this.language, this.text, this.classification, this.severity, newTier, newDepartment,
				newOwnerRole, newRule, this.assignee, this.status, this.pausedFrom, this.receivedAt,
				this.firstResponseDueAt, this.routedAt, this.statusChangedAt, this.lastContactAt,
				this.firstRespondedAt, this.responses, this.repeatContacts, this.routings, this.cause,
				this.responsibleParty, this.remedy, this.remedyApprovedBy, this.correctedBy, this.history,
				this.version, this.severityReasons);
	}

	/**
	 * One step of the case's life.
	 *
	 * @param action {@code opened}, {@code routed}, {@code transition}, {@code responded},
	 * {@code repeat-contact}, {@code severity-raised} or {@code reclassified}
	 * @param from the status before, for transitions
	 * @param status the status after
	 * @param actor who: a user name, or {@code system}
	 * @param actorRole {@code agent}, {@code supervisor} or {@code system}
	 * @param note what the actor said (a reason, the explanation given to the customer)
	 * @param details the facts of the step (cause, remedy, department, feedbackId, ...)
	 */
	public record HistoryEntry(String action, @Nullable CaseStatus from, CaseStatus status, Instant at, String actor,
			String actorRole, @Nullable String note, Map<String, String> details) {

		public static final String OPENED = "opened";

		public static final String ROUTED = "routed";

		public static final String TRANSITION = "transition";

		public static final String RESPONDED = "responded";

		public static final String REPEAT_CONTACT = "repeat-contact";

		public static final String RECLASSIFIED = "reclassified";

		public static final String SEVERITY_RAISED = "severity-raised";

		public HistoryEntry {
			details = Map.copyOf(details);
		}

	}

}
