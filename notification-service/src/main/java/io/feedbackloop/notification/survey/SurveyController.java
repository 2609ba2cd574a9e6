package io.feedbackloop.notification.survey;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.feedbackloop.notification.templates.TemplateCatalog;
import io.feedbackloop.notification.templates.Variant;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The survey link of the closing confirmation. {@code GET} shows the one question as a small page
 * (safe: mail scanners that follow links record nothing); {@code POST} records the score — from the
 * page's form ({@code score=1..5}, answered with a thank-you page) or as JSON ({@code {"score": 4}},
 * answered with JSON). The first answer counts; a repeat shows it.
 */
@RestController
@RequestMapping(SurveyController.PATH)
class SurveyController {

	static final String PATH = "/survey";

	static final String PAGE = "survey-page";

	static final String THANKS = "survey-thanks";

	private final Surveys surveys;

	private final SurveyTokens tokens;

	private final SurveyAnswers answers;

	private final TemplateCatalog templates;

	private final Clock clock;

	SurveyController(Surveys surveys, SurveyTokens tokens, SurveyAnswers answers, TemplateCatalog templates,
			Clock clock) {
		this.surveys = surveys;
		this.tokens = tokens;
		this.answers = answers;
		this.templates = templates;
		this.clock = clock;
	}

	@GetMapping(path = "/{token}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> show(@PathVariable String token) {
		Survey survey = survey(token);
		if (survey.answered()) {
			return html(thanks(survey));
		}
		if (!this.clock.instant().isBefore(survey.expiresAt())) {
			throw SurveyProblem.expired();
		}
		return html(this.templates.render(PAGE, survey.language(), Variant.HTML,
				Map.of("reference", survey.caseId())));
	}

	@PostMapping(path = "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> answerForm(@PathVariable String token, @RequestParam(required = false) @Nullable String score) {
		Survey survey = survey(token);
		return html(thanks(this.answers.answer(survey, score(score))));
	}

	@PostMapping(path = "/{token}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Answer answerJson(@PathVariable String token, @RequestBody Map<String, Object> body) {
		Survey survey = survey(token);
		Object score = body.get("score");
		Survey answered = this.answers.answer(survey, score((score != null) ? score.toString() : null));
		return new Answer(answered.caseId(), Survey.TYPE, answered.score(), answered.answeredAt());
	}

	private Survey survey(String token) {
		return this.tokens.surveyId(token).flatMap(this.surveys::find).orElseThrow(SurveyProblem::notFound);
	}

	private String thanks(Survey survey) {
		return this.templates.render(THANKS, survey.language(), Variant.HTML,
				Map.of("reference", survey.caseId(), "score", String.valueOf(survey.score())));
	}

	private static int score(@Nullable String given) {
		String text = (given != null) ? given.strip() : "";
		if (!text.matches("[0-9]{1,2}")) {
			throw SurveyProblem.invalidScore(text);
		}
		int score = Integer.parseInt(text);
		if (score < Survey.LOWEST || score > Survey.HIGHEST) {
			throw SurveyProblem.invalidScore(text);
		}
		return score;
	}

	private static ResponseEntity<String> html(String page) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.body(page);
	}

	/**
	 * The recorded answer.
	 *
	 * @param caseId the case it is about
	 * @param type {@code csat}
	 * @param score the recorded score: the first one given
	 * @param answeredAt when it was given
	 */
	record Answer(String caseId, String type, @Nullable Integer score, @Nullable Instant answeredAt) {

	}

}
