package io.feedbackloop.churn.profile;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.contracts.ComplaintReclassified;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.FeedbackClassified;
import io.feedbackloop.contracts.FeedbackKind;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.contracts.SlaBreached;
import io.feedbackloop.contracts.SlaMet;
import io.feedbackloop.contracts.SlaTimerKind;
import io.feedbackloop.contracts.WinLossOutcome;
import io.feedbackloop.contracts.WinLossRecorded;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each event the profile follows changes in it.
 *
 * <p>Contact and complaint times are when feedback-ingest received the feedback ({@code receivedAt}),
 * not the channel's {@code occurredAt}: our own clock, the same for every channel, and the instant the
 * first-response promise is counted from, so contacts and complaints sit on one time axis.
 *
 * <p>Complaint cases are kept as facts per case ({@code cases.<caseId>}), never as a running count: a
 * case routed a second time (re-routing) sets the same facts again and stays one complaint; open,
 * resolved and reopened counts are derived from the cases ({@link ProfileHealth}).
 */
public final class ProfileChanges {

	private static final Logger log = LoggerFactory.getLogger(ProfileChanges.class);

	/** Sentiments kept for the trend. */
	static final int RECENT_SENTIMENTS = 10;

	/** Survey answers kept per customer. */
	static final int SURVEY_ANSWERS = 20;

	/** How many win/loss outcomes a profile keeps, to derive the latest outcome and loss from. */
	static final int RECENT_OUTCOMES = 10;

	/** The prefix notification-service gives the channel record id of a survey answer it posts as feedback. */
	static final String SURVEY_RECORD_PREFIX = "survey-";

	// notification-service's survey-answer templates: "Satisfaction survey score: 4 out of 5 ..." and
	// "满意度回访评分：4/5 分..."; an NPS survey would say "... 9 out of 10".
	private static final Pattern SCORE = Pattern.compile("(\\d{1,2})\\s*(?:out of|/|／)\\s*(\\d{1,2})");

	private ProfileChanges() {
	}

	/**
	 * A contact: counted in total and per channel, the first and last contact moved, mentions of
	 * competitors and of porting the number counted, and a survey answer kept as CSAT or NPS.
	 */
	public static ProfileChange received(FeedbackReceived feedback, ChurnProperties properties) {
		ProfileChange change = new ProfileChange().increment(ProfileFields.CONTACTS)
			.increment(ProfileFields.entry(ProfileFields.CONTACTS_BY_CHANNEL, feedback.channel().wireName()))
			.earliest(ProfileFields.FIRST_CONTACT_AT, feedback.receivedAt())
			.latest(ProfileFields.LAST_CONTACT_AT, feedback.receivedAt());
		String text = feedback.text().toLowerCase(Locale.ROOT);
		boolean competitor = false;
		for (String term : properties.competitorTerms()) {
			if (properties.mentions(text, term)) {
				competitor = true;
				change.increment(ProfileFields.entry(ProfileFields.COMPETITORS_NAMED, term));
			}
		}
		if (competitor) {
			change.increment(ProfileFields.COMPETITOR_MENTIONS);
		}
		if (properties.portingTerms().stream().anyMatch((term) -> properties.mentions(text, term))) {
			change.increment(ProfileFields.PORTING_MENTIONS);
		}
		surveyAnswer(feedback).ifPresent((answer) -> change.push(
				answer.nps() ? ProfileFields.NPS_ANSWERS : ProfileFields.CSAT_ANSWERS,
				new Document("score", answer.score()).append("at", java.util.Date.from(feedback.occurredAt())),
				SURVEY_ANSWERS));
		return change;
	}

	/**
	 * A survey answer that came back as feedback: notification-service posts it with channel record id
	 * {@code survey-<id>}, the score in the text ("4 out of 5", "4/5"), or a channel sent it with
	 * {@code metadata.surveyType} ({@code csat}, {@code nps}) and {@code metadata.score}. Only answers on
	 * the two scales count: CSAT 1 to 5 (out of 5) and NPS 0 to 10 (out of 10); any other type, scale or
	 * score is not a survey answer (the feedback still counts as a contact).
	 */
	public static Optional<SurveyAnswer> surveyAnswer(FeedbackReceived feedback) {
		Map<String, Object> metadata = (feedback.details() != null && feedback.details().metadata() != null)
				? feedback.details().metadata() : Map.of();
		Object type = metadata.get(ChannelDetails.SURVEY_TYPE);
		Object score = metadata.get(ChannelDetails.SURVEY_SCORE);
		if (type != null && score != null) {
			String surveyType = type.toString().strip().toLowerCase(Locale.ROOT);
			Integer value = integer(score.toString());
			Optional<SurveyAnswer> answer = (value == null) ? Optional.empty() : switch (surveyType) {
				case "csat" -> SurveyAnswer.of(false, value);
				case "nps" -> SurveyAnswer.of(true, value);
				default -> Optional.empty();
			};
			if (answer.isEmpty()) {
				log.debug("Not a survey answer: feedback {} has metadata surveyType {} and score {}",
						feedback.feedbackId().value(), type, score);
			}
			return answer;
		}
		if (!feedback.channelRecordId().startsWith(SURVEY_RECORD_PREFIX)) {
			return Optional.empty();
		}
		Matcher matcher = SCORE.matcher(feedback.text());
		if (!matcher.find()) {
			return Optional.empty();
		}
		int value = Integer.parseInt(matcher.group(1));
		int scale = Integer.parseInt(matcher.group(2));
		Optional<SurveyAnswer> answer = switch (scale) {
			case SurveyAnswer.CSAT_SCALE -> SurveyAnswer.of(false, value);
			case SurveyAnswer.NPS_SCALE -> SurveyAnswer.of(true, value);
			default -> Optional.empty();
		};
		if (answer.isEmpty()) {
			log.debug("Not a survey answer: feedback {} ({}) scores {} out of {}", feedback.feedbackId().value(),
					feedback.channelRecordId(), value, scale);
		}
		return answer;
	}

	private static @Nullable Integer integer(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A survey answer: NPS (0 to 10) or CSAT (1 to 5). */
	public record SurveyAnswer(boolean nps, int score) {

		static final int CSAT_SCALE = 5;

		static final int NPS_SCALE = 10;

		/** The answer when the score is on its survey's scale: CSAT 1 to 5, NPS 0 to 10. */
		static Optional<SurveyAnswer> of(boolean nps, int score) {
			boolean onScale = nps ? (score >= 0 && score <= NPS_SCALE) : (score >= 1 && score <= CSAT_SCALE);
			return onScale ? Optional.of(new SurveyAnswer(nps, score)) : Optional.empty();
		}

	}

	/**
	 * What the feedback was: counted per kind and sentiment, the sentiment kept for the trend;
	 * complaints also per category (every complaint is classified, while only routed ones open a case).
	 */
	public static ProfileChange classified(FeedbackClassified classified) {
		ProfileChange change = new ProfileChange()
			.increment(ProfileFields.entry(ProfileFields.FEEDBACK_BY_KIND, classified.kind().wireName()))
			.increment(ProfileFields.entry(ProfileFields.FEEDBACK_BY_SENTIMENT, classified.sentiment()))
			.push(ProfileFields.SENTIMENTS, classified.sentiment(), RECENT_SENTIMENTS);
		if (classified.kind() == FeedbackKind.COMPLAINT) {
			change.increment(ProfileFields.entry(ProfileFields.COMPLAINTS_BY_CATEGORY, classified.category()));
		}
		return change;
	}

	/**
	 * A person corrected the classification of a case's feedback record: the record moves from the kind
	 * and category it was counted as ({@code fromKind}, {@code fromCategory}: what the router's case held,
	 * so what {@link #classified} or the previous correction counted) to the corrected ones, and the case
	 * keeps its kind, so that a case that is no complaint after all no longer counts as one
	 * ({@link ProfileHealth}).
	 *
	 * <p>Exact because the changes are increments: applied once (the event id), in any order with the
	 * classification they correct, the counters come out the same. complaint-router writes a case's
	 * events in order to one partition (the customer's key on {@code complaint.cases}), so the
	 * correction always comes after the classification it corrects and a counter never goes below zero
	 * on the way; a second correction of the same case moves the record on from where the first left it.
	 * The case's {@code kind} is set, the case's last correction's (events of a case arrive in order).
	 */
	public static ProfileChange reclassified(ComplaintReclassified reclassified) {
		String caseId = reclassified.caseId().value();
		ProfileChange change = new ProfileChange().set(ProfileFields.caseField(caseId, "kind"),
				reclassified.kind().wireName())
			.set(ProfileFields.caseField(caseId, "category"), reclassified.category());
		if (reclassified.kind() != reclassified.fromKind()) {
			String fromKind = reclassified.fromKind().wireName();
			change.increment(ProfileFields.entry(ProfileFields.FEEDBACK_BY_KIND, fromKind), -1)
				.increment(ProfileFields.entry(ProfileFields.FEEDBACK_BY_KIND, reclassified.kind().wireName()), 1);
		}
		boolean wasComplaint = reclassified.fromKind() == FeedbackKind.COMPLAINT;
		boolean isComplaint = reclassified.kind() == FeedbackKind.COMPLAINT;
		String from = ProfileFields.entry(ProfileFields.COMPLAINTS_BY_CATEGORY, reclassified.fromCategory());
		String to = ProfileFields.entry(ProfileFields.COMPLAINTS_BY_CATEGORY, reclassified.category());
		if (wasComplaint != isComplaint || !from.equals(to)) {
			if (wasComplaint) {
				change.increment(from, -1);
			}
			if (isComplaint) {
				change.increment(to, 1);
			}
		}
		return change;
	}

	/**
	 * A complaint case was opened, or routed again: the case's facts are set, so a re-routed case stays
	 * one complaint. The last case id is not set here but derived from the cases ({@link ProfileHealth}:
	 * the latest {@code openedAt}), so routing an older case again (a correction after a newer case)
	 * does not make it the last case.
	 */
	public static ProfileChange routed(ComplaintRouted routed) {
		String caseId = routed.caseId().value();
		return new ProfileChange().latest(ProfileFields.LAST_COMPLAINT_AT, routed.receivedAt())
			.earliest(ProfileFields.caseField(caseId, "openedAt"), routed.receivedAt())
			.set(ProfileFields.caseField(caseId, "category"), routed.category())
			.set(ProfileFields.caseField(caseId, "department"), routed.department());
	}

	/**
	 * A case moved: its status is set (a customer's case events arrive in order), closing records when,
	 * reopening counts a reopen.
	 */
	public static ProfileChange statusChanged(ComplaintStatusChanged changed) {
		String caseId = changed.caseId().value();
		ProfileChange change = new ProfileChange().set(ProfileFields.caseField(caseId, "status"),
				changed.toStatus().wireName());
		if (changed.toStatus() == CaseStatus.CLOSED || changed.toStatus() == CaseStatus.INVALID) {
			change.latest(ProfileFields.caseField(caseId, "closedAt"), changed.changedAt());
		}
		if (changed.toStatus() == CaseStatus.REOPENED) {
			change.increment(ProfileFields.caseField(caseId, "reopens"));
		}
		return change;
	}

	/** An answer to the customer on a case. */
	public static ProfileChange responded(ComplaintResponded responded) {
		String caseId = responded.caseId().value();
		return new ProfileChange().increment(ProfileFields.RESPONSES)
			.increment(ProfileFields.caseField(caseId, "responses"))
			.earliest(ProfileFields.caseField(caseId, "firstResponseAt"), responded.respondedAt());
	}

	/** A promise broken on one of the customer's cases. */
	public static ProfileChange slaBreached(SlaBreached breached) {
		String caseId = breached.caseId().value();
		ProfileChange change = new ProfileChange().increment(ProfileFields.SLA_BREACHES)
			.increment(ProfileFields.entry(ProfileFields.SLA_BREACHES_BY_TIMER, breached.timer().wireName()))
			.increment(ProfileFields.caseField(caseId, "breaches"));
		tier(change, breached.customerTier());
		if (breached.timer() == SlaTimerKind.RESOLUTION) {
			change.set(ProfileFields.caseField(caseId, "resolutionLate"), true);
		}
		return change;
	}

	/** A target met: a resolution in time marks the case resolved within target. */
	public static ProfileChange slaMet(SlaMet met) {
		ProfileChange change = new ProfileChange();
		tier(change, met.customerTier());
		if (met.timer() == SlaTimerKind.RESOLUTION) {
			change.set(ProfileFields.caseField(met.caseId().value(), "resolvedWithinTarget"), true);
		}
		return change;
	}

	/** A win/loss record of the customer. */
	public static ProfileChange winLoss(WinLossRecorded recorded) {
		boolean won = recorded.outcome() == WinLossOutcome.WON;
		// lastOutcome and lastLossReason are derived from these by when they were recorded, not by the order
		// their events were applied (two requests for one customer may reach the topic the other way round)
		ProfileChange change = new ProfileChange().increment(won ? ProfileFields.WINS : ProfileFields.LOSSES)
			.latest(ProfileFields.LAST_OUTCOME_AT, recorded.recordedAt())
			.push(ProfileFields.OUTCOMES, new Document("at", java.util.Date.from(recorded.recordedAt()))
				.append("outcome", recorded.outcome().wireName())
				.append("reason", recorded.reason().wireName()), RECENT_OUTCOMES);
		tier(change, recorded.valueTier());
		return change;
	}

	private static void tier(ProfileChange change, @Nullable String tier) {
		if (tier != null && !tier.isBlank()) {
			change.set(ProfileFields.VALUE_TIER, tier);
		}
	}

}
