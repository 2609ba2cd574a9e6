package io.feedbackloop.notification.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.feedbackloop.notification.cases.CaseDirectory;
import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.channel.ingest.IngestProperties;
import io.feedbackloop.notification.delivery.Audience;
import io.feedbackloop.notification.delivery.Deliveries;
import io.feedbackloop.notification.delivery.DeliveryRequest;
import io.feedbackloop.notification.templates.RenderedMessage;
import io.feedbackloop.notification.templates.TemplateCatalog;
import io.feedbackloop.notification.templates.TemplateDefinition;
import io.feedbackloop.notification.templates.Variant;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Records a survey answer once and brings it back into the system as feedback: the answer is posted
 * to feedback-ingest ({@code channel web}, {@code channelRecordId survey-<id>}, the score in the
 * text) through the outbox, so that an outage of feedback-ingest delays it and never loses it. The
 * answer is recorded first and then queued; an answer whose queuing a crash cut short is queued at
 * the next start.
 */
class SurveyAnswers {

	static final String TEMPLATE = "survey-answer";

	static final TemplateDefinition DEFINITION = TemplateDefinition.text(TEMPLATE,
			Set.of("score", "scale", "reference"));

	static final String METRIC = "feedbackloop.notifications.survey.answers";

	private static final Logger log = LoggerFactory.getLogger(SurveyAnswers.class);

	private final Surveys surveys;

	private final CaseDirectory cases;

	private final Deliveries deliveries;

	private final TemplateCatalog templates;

	private final IngestProperties ingest;

	private final MeterRegistry meters;

	private final Clock clock;

	SurveyAnswers(Surveys surveys, CaseDirectory cases, Deliveries deliveries, TemplateCatalog templates,
			IngestProperties ingest, MeterRegistry meters, Clock clock) {
		this.surveys = surveys;
		this.cases = cases;
		this.deliveries = deliveries;
		this.templates = templates;
		this.ingest = ingest;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Records the answer unless the survey has one; the first answer counts.
	 * @return the survey as it stands afterwards
	 * @throws SurveyProblem when it has expired (and had no answer)
	 */
	Survey answer(Survey survey, int score) {
		if (survey.answered()) {
			forward(survey);
			return survey;
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (!now.isBefore(survey.expiresAt())) {
			throw SurveyProblem.expired();
		}
		Optional<Survey> recorded = this.surveys.answer(survey.id(), score, now);
		if (recorded.isPresent()) {
			this.meters.counter(METRIC, "type", Survey.TYPE, "score", String.valueOf(score)).increment();
		}
		Survey answered = recorded.orElseGet(() -> this.surveys.find(survey.id()).orElseThrow());
		forward(answered);
		return answered;
	}

	@EventListener(ApplicationReadyEvent.class)
	void forwardLeftovers() {
		this.surveys.answeredNotForwarded().forEach((survey) -> {
			try {
				forward(survey);
			}
			catch (RuntimeException ex) {
				log.warn("Survey answer {} not queued for feedback-ingest: {}", survey.id(), ex.toString());
			}
		});
	}

	/** Queues the answer for feedback-ingest; queuing it again changes nothing. */
	private void forward(Survey survey) {
		KnownCase known = this.cases.find(survey.caseId())
			.orElseThrow(() -> new IllegalStateException("Survey " + survey.id() + " names unknown case "
					+ survey.caseId()));
		Instant answeredAt = Objects.requireNonNull(survey.answeredAt());
		String score = String.valueOf(survey.score());
		String text = this.templates.render(TEMPLATE, survey.language(), Variant.TEXT,
				Map.of("score", score, "scale", String.valueOf(Survey.HIGHEST), "reference", survey.caseId()));
		Map<String, String> data = new LinkedHashMap<>();
		data.put("channel", "web");
		data.put("channelRecordId", "survey-" + survey.id());
		data.put("customerId", survey.customerId());
		putPresent(data, "name", known.contact().name());
		putPresent(data, "phone", known.contact().phone());
		putPresent(data, "email", known.contact().email());
		data.put("occurredAt", answeredAt.toString());
		data.put("language", survey.language());
		data.put("surveyType", Survey.TYPE);
		data.put("score", score);
		data.put("caseId", survey.caseId());
		this.deliveries.enqueue(
				new DeliveryRequest(survey.id(), survey.caseId(), survey.customerId(), Audience.SYSTEM, TEMPLATE,
						survey.language(), answeredAt, null),
				new Recipient(ChannelType.INGEST, this.ingest.baseUrl().toString()),
				new RenderedMessage(survey.language(), "", text, null), data);
		this.surveys.markForwarded(survey.id(), this.clock.instant());
	}

	private static void putPresent(Map<String, String> data, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			data.put(key, value);
		}
	}

}
