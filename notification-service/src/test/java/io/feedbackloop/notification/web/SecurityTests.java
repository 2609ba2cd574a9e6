package io.feedbackloop.notification.web;

import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.StaffApi;
import io.feedbackloop.notification.StaffApi.Answer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reaches what: the delivery log needs a staff API key (every role reads it, nobody changes it),
 * the customers' survey pages and the probes need none.
 */
class SecurityTests extends NotificationServiceTestSupport {

	private static final String DELIVERIES = "/api/v1/deliveries?caseId=C-SECURITY-1";

	/** Well-formed (a survey id and a signature) but not signed by this service. */
	private static final String FORGED_SURVEY = "/survey/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA";

	@LocalServerPort
	int port;

	@Test
	void deliveriesWithoutAKeyAreAnUnauthenticatedProblem() {
		Answer answer = get(DELIVERIES, null);

		assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.authenticate()).isEqualTo("ApiKey header=\"X-API-Key\"");
		JsonNode problem = answer.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/unauthenticated");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("detail").asString()).contains("X-API-Key");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/deliveries");
	}

	@Test
	void unknownKeyIsRefusedNotTreatedAsAnonymous() {
		Answer answer = get(DELIVERIES, "dev-nobody-key");

		assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(answer.json().path("detail").asString()).isEqualTo("The API key is not valid.");
	}

	@Test
	void everyStaffRoleReadsTheDeliveryLog() {
		for (String key : new String[] { StaffApi.AGENT, StaffApi.SUPERVISOR, StaffApi.ANALYST }) {
			Answer answer = get(DELIVERIES, key);
			assertThat(answer.status()).as(key).isEqualTo(HttpStatus.OK);
			assertThat(answer.json().isArray()).as(key).isTrue();
		}
	}

	@Test
	void analystsOnlyRead() {
		Answer answer = StaffApi.answer(StaffApi.client(this.port, StaffApi.ANALYST)
			.post()
			.uri("/api/v1/deliveries")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}"));

		assertThat(answer.status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/forbidden");
		assertThat(answer.json().path("detail").asString()).isEqualTo("Your role may not POST /api/v1/deliveries.");
	}

	@Test
	void customersReachTheSurveyPagesWithoutAKey() {
		Answer page = get(FORGED_SURVEY, null);
		Answer answer = StaffApi.answer(StaffApi.client(this.port, null)
			.post()
			.uri(FORGED_SURVEY)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"score\": 5}"));

		// The survey controller itself refuses the token (SurveyTests: a genuine link, also without a key, works).
		assertThat(page.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(page.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/survey-not-found");
		assertThat(answer.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(answer.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/survey-not-found");
	}

	@Test
	void pathsOutsideTheApiAndTheSurveysAreRefused() {
		assertThat(get("/internal", null).status()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/internal", StaffApi.SUPERVISOR).status()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void probesAndMetricsNeedNoKey() {
		Answer health = get("/actuator/health", null);

		assertThat(health.json().path("status").asString()).isNotEmpty();
		assertThat(get("/actuator/prometheus", null).status()).isEqualTo(HttpStatus.OK);
	}

	private Answer get(String uri, @Nullable String apiKey) {
		return StaffApi.answer(StaffApi.client(this.port, apiKey).get().uri(uri));
	}

}
