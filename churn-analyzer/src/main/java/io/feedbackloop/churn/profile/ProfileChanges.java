package io.feedbackloop.churn.profile;

import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;

/**
 * What each event the profile follows changes in it.
 *
 * <p>Contact and complaint times are when feedback-ingest received the feedback ({@code receivedAt}),
 * not the channel's {@code occurredAt}: our own clock, the same for every channel, and the instant the
 * first-response promise is counted from, so contacts and complaints sit on one time axis.
 */
public final class ProfileChanges {

	private ProfileChanges() {
	}

	/** A contact: counted in total and per channel, and the first and last contact moved. */
	public static ProfileChange received(FeedbackReceived feedback) {
		return new ProfileChange().increment(ProfileFields.CONTACTS)
			.increment(ProfileFields.entry(ProfileFields.CONTACTS_BY_CHANNEL, feedback.channel().wireName()))
			.earliest(ProfileFields.FIRST_CONTACT_AT, feedback.receivedAt())
			.latest(ProfileFields.LAST_CONTACT_AT, feedback.receivedAt());
	}

	/**
	 * What the feedback was: counted per kind and sentiment; complaints also per category (every
	 * complaint is classified, while only routed ones open a case).
	 */
	public static ProfileChange classified(FeedbackClassified classified) {
		ProfileChange change = new ProfileChange()
			.increment(ProfileFields.entry(ProfileFields.FEEDBACK_BY_KIND, classified.kind().wireName()))
			.increment(ProfileFields.entry(ProfileFields.FEEDBACK_BY_SENTIMENT, classified.sentiment()));
		if (classified.kind() == FeedbackKind.COMPLAINT) {
			change.increment(ProfileFields.entry(ProfileFields.COMPLAINTS_BY_CATEGORY, classified.category()));
		}
		return change;
	}

	/**
	 * A complaint case was opened: one more open complaint. The last case id is simply set: a
	 * customer's routed events are consumed in order (one partition of complaint.cases), so the last
	 * one applied is the latest case.
	 */
	public static ProfileChange routed(ComplaintRouted routed) {
		return new ProfileChange().increment(ProfileFields.OPEN_COMPLAINTS)
			.latest(ProfileFields.LAST_COMPLAINT_AT, routed.receivedAt())
			.set(ProfileFields.LAST_CASE_ID, routed.caseId().value());
	}

}
