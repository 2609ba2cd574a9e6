package io.feedbackloop.notification.web;

import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

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
		Response answer = get(DELIVERIES, null);

		assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED.value());
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
		Response answer = get(DELIVERIES, "dev-nobody-key");

		assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED.value());
		assertThat(answer.json().path("detail").asString()).isEqualTo("The API key is not valid.");
	}

	@Test
	void everyStaffRoleReadsTheDeliveryLog() {
		for (String key : new String[] { StaffApiClient.AGENT, StaffApiClient.SUPERVISOR, StaffApiClient.ANALYST }) {
			Response answer = get(DELIVERIES, key);
			assertThat(answer.status()).as(key).isEqualTo(HttpStatus.OK.value());
			assertThat(answer.json().isArray()).as(key).isTrue();
		}
	}

	@Test
	void analystsOnlyRead() {
		Response answer = new StaffApiClient(this.port).post("/api/v1/deliveries", StaffApiClient.ANALYST, null, "{}");

		assertThat(answer.status()).isEqualTo(HttpStatus.FORBIDDEN.value());
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/forbidden");
		assertThat(answer.json().path("detail").asString()).isEqualTo("Your role may not POST /api/v1/deliveries.");
	}

	@Test
	void customersReachTheSurveyPagesWithoutAKey() {
		Response page = get(FORGED_SURVEY, null);
		Response answer = new StaffApiClient(this.port).post(FORGED_SURVEY, null, null, "{\"score\": 5}");

		// The survey controller itself refuses the token (SurveyTests: a genuine link, also without a key, works).
		assertThat(page.status()).isEqualTo(HttpStatus.NOT_FOUND.value());
		assertThat(page.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/survey-not-found");
		assertThat(answer.status()).isEqualTo(HttpStatus.NOT_FOUND.value());
		assertThat(answer.json().path("type").asString()).isEqualTo("https://feedbackloop.io/problems/survey-not-found");
	}

	@Test
	void pathsOutsideTheApiAndTheSurveysAreRefused() {
		assertThat(get("/internal", null).status()).isEqualTo(HttpStatus.UNAUTHORIZED.value());
		assertThat(get("/internal", StaffApiClient.SUPERVISOR).status()).isEqualTo(HttpStatus.FORBIDDEN.value());
	}

	@Test
	void probesAndMetricsNeedNoKey() {
		Response health = get("/actuator/health", null);

		assertThat(health.json().path("status").asString()).isNotEmpty();
		assertThat(get("/actuator/prometheus", null).status()).isEqualTo(HttpStatus.OK.value());
	}

	private Response get(String uri, @Nullable String apiKey) {
		return new StaffApiClient(this.port).get(uri, apiKey);
	}

}
