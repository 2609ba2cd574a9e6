package io.feedbackloop.churn.system;

import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityTests {

	private static final String WIN = """
			{"customer": {"id": "cust-security-1"}, "business": "broadband renewal", "outcome": "won",
			 "reason": "price", "keeps": "the price", "askedBy": "sales-1"}""";

	@LocalServerPort
	int port;

	@Test
	void requestWithoutAKeyIsAnUnauthenticatedProblem() {
		Response answer = get("/api/v1/at-risk", null);

		assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED.value());
		assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(answer.authenticate()).isEqualTo("ApiKey header=\"X-API-Key\"");
		JsonNode problem = answer.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/unauthenticated");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("detail").asString()).contains("X-API-Key");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/at-risk");
	}

	@Test
	void unknownKeyIsRefusedNotTreatedAsAnonymous() {
		Response answer = get("/api/v1/customers/cust-1", "dev-nobody-key");

		assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED.value());
		assertThat(answer.json().path("detail").asString()).isEqualTo("The API key is not valid.");
	}

	@Test
	void everyRoleReadsProfilesTheAtRiskListAndTheWinLossLog() {
		for (String key : new String[] { StaffApiClient.AGENT, StaffApiClient.SUPERVISOR, StaffApiClient.ANALYST }) {
			assertThat(get("/api/v1/at-risk", key).status()).isEqualTo(HttpStatus.OK.value());
			assertThat(get("/api/v1/win-loss?customerId=cust-security-1", key).status())
				.isEqualTo(HttpStatus.OK.value());
			assertThat(get("/api/v1/customers/cust-nobody", key).status()).isEqualTo(HttpStatus.NOT_FOUND.value());
		}
	}

	@Test
	void analystMayNotRecordWinOrLoss() {
		Response answer = recordWin(StaffApiClient.ANALYST);

		assertThat(answer.status()).isEqualTo(HttpStatus.FORBIDDEN.value());
		assertThat(answer.contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = answer.json();
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/forbidden");
		assertThat(problem.path("detail").asString()).isEqualTo("Your role may not POST /api/v1/win-loss.");
	}

	@Test
	void agentsAndSupervisorsRecordWinsAndLosses() {
		assertThat(recordWin(StaffApiClient.AGENT).status()).isEqualTo(HttpStatus.CREATED.value());
		assertThat(recordWin(StaffApiClient.SUPERVISOR).status()).isEqualTo(HttpStatus.CREATED.value());
	}

	@Test
	void onlyASupervisorRebuildsTheProjections() {
		Response agent = rebuild(StaffApiClient.AGENT);
		Response analyst = rebuild(StaffApiClient.ANALYST);

		assertThat(agent.status()).isEqualTo(HttpStatus.FORBIDDEN.value());
		assertThat(agent.json().path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/forbidden");
		assertThat(analyst.status()).isEqualTo(HttpStatus.FORBIDDEN.value());
		Response supervisor = rebuild(StaffApiClient.SUPERVISOR);
		assertThat(supervisor.status()).isEqualTo(HttpStatus.OK.value());
		assertThat(supervisor.json().path("suffix").asString()).startsWith("rebuild");
	}

	@Test
	void probesAndMetricsNeedNoKey() {
		assertThat(get("/actuator/prometheus", null).status()).isEqualTo(HttpStatus.OK.value());
	}

	private Response get(String path, @Nullable String apiKey) {
		return new StaffApiClient(this.port).get(path, apiKey);
	}

	private Response recordWin(String apiKey) {
		return new StaffApiClient(this.port).post("/api/v1/win-loss", apiKey, null, WIN);
	}

	private Response rebuild(String apiKey) {
		return new StaffApiClient(this.port).send("POST", "/api/v1/admin/rebuild", apiKey, null, null);
	}

}
