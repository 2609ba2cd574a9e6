package io.feedbackloop.notification.customer;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.ComplaintResponded;
import io.feedbackloop.contracts.ComplaintStatusChanged;
import io.feedbackloop.contracts.RepeatContactRecorded;
import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.survey.SurveyLinks;
import io.feedbackloop.notification.templates.LocalTimes;
import io.feedbackloop.notification.templates.TemplateDefinition;

/**
 * What the customer hears while their case goes on: progress ("the department is handling it") when
 * it moves into one of the configured statuses, a note after an agent's call-back, the closing
 * confirmation with what was done and a one-question satisfaction survey, and for a case found to be no
 * complaint the agent's polite explanation (never silence).
 */
public class CustomerNotices {

	static final String PROGRESS = "progress";

	static final String CALLBACK = "callback";

	static final String CLOSING = "closing";

	static final String INVALID = "invalid";

	static final String REPEAT_CONTACT = "repeat-contact";

	static final String SAME_CHANNEL = "the agent answered on the channel the notice would use";

	static final TemplateDefinition PROGRESS_TEMPLATE = TemplateDefinition.message(PROGRESS,
			Set.of("name", "reference", "progress"));

	static final TemplateDefinition CALLBACK_TEMPLATE = TemplateDefinition.message(CALLBACK,
			Set.of("name", "reference", "medium", "respondedAt", "progress"));

	static final TemplateDefinition CLOSING_TEMPLATE = TemplateDefinition.message(CLOSING,
			Set.of("name", "reference", "outcome", "surveyUrl"));

	static final TemplateDefinition INVALID_TEMPLATE = TemplateDefinition.message(INVALID,
			Set.of("name", "reference", "explanation"));

	static final TemplateDefinition REPEAT_CONTACT_TEMPLATE = TemplateDefinition.message(REPEAT_CONTACT,
			Set.of("name", "reference"));

	private final CustomerMessages messages;

	private final SurveyLinks surveys;

	private final CustomerNoticeProperties properties;

	CustomerNotices(CustomerMessages messages, SurveyLinks surveys, CustomerNoticeProperties properties) {
		this.messages = messages;
		this.surveys = surveys;
		this.properties = properties;
	}

	/** Whether the customer hears of this status change at all. */
	public boolean notifies(ComplaintStatusChanged changed) {
		return changed.toStatus() == CaseStatus.CLOSED || changed.toStatus() == CaseStatus.INVALID || progress(changed);
	}

	/**
	 * Into a status the customer hears of, not back to it from a pause ({@code details.resumed}): the case goes on
	 * where it was, often because the customer just wrote, who is not told again what they were told before.
	 */
	private boolean progress(ComplaintStatusChanged changed) {
		return this.properties.progressStatuses().contains(changed.toStatus())
				&& (changed.details() == null || !"true".equals(changed.details().get("resumed")));
	}

	/** @return the delivery, or empty when the customer does not hear of this change */
	public Optional<Delivery> onStatusChanged(String eventId, ComplaintStatusChanged changed, KnownCase known) {
		if (changed.toStatus() == CaseStatus.CLOSED) {
			boolean silence = changed.details() != null && "silence".equals(changed.details().get("closedBy"));
			return Optional.of(this.messages.send(eventId, known, CLOSING, changed.changedAt(),
					(language, zone) -> Map.of("name", name(known, language), "reference", known.caseId(), "outcome",
							silence ? CustomerNoticeTexts.closedBySilence(language)
									: CustomerNoticeTexts.outcome(changed.note(), language),
							"surveyUrl", this.surveys.linkFor(eventId, known, language, changed.changedAt()))));
		}
		if (changed.toStatus() == CaseStatus.INVALID) {
			// not silence: the polite explanation the agent gave (complaint-router requires it)
			return Optional.of(this.messages.send(eventId, known, INVALID, changed.changedAt(),
					(language, zone) -> Map.of("name", name(known, language), "reference", known.caseId(),
							"explanation", CustomerNoticeTexts.explanation(changed.note(), language))));
		}
		if (!progress(changed)) {
			return Optional.empty();
		}
		return Optional.of(this.messages.send(eventId, known, PROGRESS, changed.changedAt(),
				(language, zone) -> Map.of("name", name(known, language), "reference", known.caseId(), "progress",
						CustomerNoticeTexts.progress(changed.toStatus(), language))));
	}

	/**
	 * A note that an agent called back (or wrote), with where the case stands; skipped when the agent's answer
	 * itself went by the channel the note would take, which would only repeat it.
	 */
	public Delivery onResponded(String eventId, ComplaintResponded responded, KnownCase known) {
		Optional<Recipient> recipient = known.customerRecipient();
		if (recipient.isPresent() && recipient.get().channel().wireName().equals(responded.medium())) {
			return this.messages.skip(eventId, known, CALLBACK, responded.respondedAt(), SAME_CHANNEL);
		}
		return this.messages.send(eventId, known, CALLBACK, responded.respondedAt(),
				(language, zone) -> Map.of("name", name(known, language), "reference", known.caseId(), "medium",
						CustomerNoticeTexts.medium(responded.medium(), language), "respondedAt",
						LocalTimes.format(responded.respondedAt(), language, zone), "progress",
						CustomerNoticeTexts.standing(responded.status(), language)));
	}

	/**
	 * The customer wrote again about the matter of an open case: their message was added to it, not opened as a
	 * new case (which is what would have thanked them), so they are told that, with the case's reference.
	 */
	public Delivery onRepeatContact(String eventId, RepeatContactRecorded repeat, KnownCase known) {
		return this.messages.send(eventId, known, REPEAT_CONTACT, repeat.linkedAt(),
				(language, zone) -> Map.of("name", name(known, language), "reference", known.caseId()));
	}

	private static String name(KnownCase known, String language) {
		return CustomerMessages.salutation(known.contact().name(), language);
	}

}
