package io.feedbackloop.notification.survey;

import java.time.Instant;

import io.feedbackloop.contracts.EventCodec;
import io.feedbackloop.notification.cases.KnownCase;

/**
 * Creates the survey of a closed case and the signed link to it. The survey id is derived from the
 * closing event, so that a redelivered event finds the same survey and renders the same link.
 */
public class SurveyLinks {

	private final Surveys surveys;

	private final SurveyTokens tokens;

	private final SurveyProperties properties;

	SurveyLinks(Surveys surveys, SurveyTokens tokens, SurveyProperties properties) {
		this.surveys = surveys;
		this.tokens = tokens;
		this.properties = properties;
	}

	/** The link to the survey about a case, created now unless it exists. */
	public String linkFor(String closingEventId, KnownCase known, String language, Instant closedAt) {
		String id = EventCodec.derivedId(closingEventId, "survey");
		this.surveys.createIfAbsent(new Survey(id, closingEventId, known.caseId(), known.customerId(), language,
				closedAt, closedAt.plus(this.properties.validFor()), null, null));
		return this.properties.baseUrl() + SurveyController.PATH + "/" + this.tokens.token(id);
	}

}
