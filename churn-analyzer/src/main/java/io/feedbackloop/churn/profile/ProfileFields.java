package io.feedbackloop.churn.profile;

/** Field names of a {@code customer_profiles} document, shared by its writers and its reader. */
final class ProfileFields {

	static final String FIRST_CONTACT_AT = "firstContactAt";

	static final String LAST_CONTACT_AT = "lastContactAt";

	static final String CONTACTS = "contacts";

	static final String CONTACTS_BY_CHANNEL = "contactsByChannel";

	static final String FEEDBACK_BY_KIND = "feedbackByKind";

	static final String FEEDBACK_BY_SENTIMENT = "feedbackBySentiment";

	static final String COMPLAINTS_BY_CATEGORY = "complaintsByCategory";

	static final String OPEN_COMPLAINTS = "openComplaints";

	static final String LAST_COMPLAINT_AT = "lastComplaintAt";

	static final String LAST_CASE_ID = "lastCaseId";

	static final String UPDATED_AT = "updatedAt";

	static final String APPLIED_EVENT_IDS = "appliedEventIds";

	/** Facts per complaint case: {@code cases.<caseId>.{category, openedAt, status, closedAt, ...}}. */
	static final String CASES = "cases";

	static final String SLA_BREACHES = "slaBreaches";

	static final String SLA_BREACHES_BY_TIMER = "slaBreachesByTimer";

	static final String RESPONSES = "responses";

	static final String SENTIMENTS = "recentSentiments";

	static final String COMPETITOR_MENTIONS = "competitorMentions";

	static final String COMPETITORS_NAMED = "competitorsNamed";

	static final String PORTING_MENTIONS = "portingMentions";

	static final String CSAT_ANSWERS = "csatAnswers";

	static final String NPS_ANSWERS = "npsAnswers";

	static final String VALUE_TIER = "valueTier";

	static final String WINS = "wins";

	static final String LOSSES = "losses";

	static final String LAST_OUTCOME = "lastOutcome";

	static final String LAST_OUTCOME_AT = "lastOutcomeAt";

	static final String LAST_LOSS_REASON = "lastLossReason";

	/** The last win/loss records ({@code at}, {@code outcome}, {@code reason}) in the order applied. */
	static final String OUTCOMES = "outcomes";

	/** Incremented by every applied event; derived fields are written only for the revision they saw. */
	static final String REVISION = "revision";

	/** Fields computed from the facts above after every change ({@link ProfileHealth}). */
	static final String HEALTH = "health";

	static final String RISK = "risk";

	private ProfileFields() {
	}

	/** {@code parent.key}, with a key from event data made safe as a field name. */
	static String entry(String parent, String key) {
		return parent + "." + safeKey(key);
	}

	/** {@code cases.<caseId>.field}. */
	static String caseField(String caseId, String field) {
		return CASES + "." + safeKey(caseId) + "." + field;
	}

	// Categories and sentiments are open strings in the contracts; a '.' would nest a field and a
	// leading '$' is refused by MongoDB, so one odd value must not make every update of a profile fail.
	static String safeKey(String key) {
		String trimmed = key.strip();
		if (trimmed.isEmpty()) {
			return "unknown";
		}
		return trimmed.replace('.', '_').replace('$', '_');
	}

}
