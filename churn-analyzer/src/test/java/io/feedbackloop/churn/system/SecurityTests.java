package io.feedbackloop.churn.system;

import io.feedbackloop.churn.ChurnApi;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String WIN = """
			{"customer": {"id": "cust-security-1"}, "business": "broadband renewal", "outcome": "won",
			 "reason": "price", "keeps": "the price", "askedBy": "sales-1"}""";

	@LocalServerPort
	int port;

	@Test
	void requestWithoutAKeyIsAnUnauthenticatedProblem() {
		ResponseEntity<String> answer = get("/api/v1/at-risk", null);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(String.valueOf(answer.getHeaders().getContentType())).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("ApiKey header=\"X-API-Key\"");
		JsonNode problem = JSON.readTree(answer.getBody());
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/unauthenticated");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("detail").asString()).contains("X-API-Key");
		assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/at-risk");
	}

	@Test
	void unknownKeyIsRefusedNotTreatedAsAnonymous() {
		ResponseEntity<String> answer = get("/api/v1/customers/cust-1", "dev-nobody-key");

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(JSON.readTree(answer.getBody()).path("detail").asString()).isEqualTo("The API key is not valid.");
	}

	@Test
	void everyRoleReadsProfilesTheAtRiskListAndTheWinLossLog() {
		for (String key : new String[] { ChurnApi.AGENT, ChurnApi.SUPERVISOR, ChurnApi.ANALYST }) {
			assertThat(get("/api/v1/at-risk", key).getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(get("/api/v1/win-loss?customerId=cust-security-1", key).getStatusCode())
				.isEqualTo(HttpStatus.OK);
			assertThat(get("/api/v1/customers/cust-nobody", key).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		}
	}

	@Test
	void analystMayNotRecordWinOrLoss() {
		ResponseEntity<String> answer = recordWin(ChurnApi.ANALYST);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(String.valueOf(answer.getHeaders().getContentType())).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = JSON.readTree(answer.getBody());
		assertThat(problem.path("type").asString()).isEqualTo("https://feedbackloop.io/problems/forbidden");
		assertThat(problem.path("detail").asString()).isEqualTo("Your role may not POST /api/v1/win-loss.");
	}

	@Test
	void agentsAndSupervisorsRecordWinsAndLosses() {
		assertThat(recordWin(ChurnApi.AGENT).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(recordWin(ChurnApi.SUPERVISOR).getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void onlyASupervisorRebuildsTheProjections() {
		ResponseEntity<String> agent = rebuild(ChurnApi.AGENT);
		ResponseEntity<String> analyst = rebuild(ChurnApi.ANALYST);

		assertThat(agent.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(JSON.readTree(agent.getBody()).path("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/forbidden");
		assertThat(analyst.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<String> supervisor = rebuild(ChurnApi.SUPERVISOR);
		assertThat(supervisor.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(JSON.readTree(supervisor.getBody()).path("suffix").asString()).startsWith("rebuild");
	}

	@Test
	void probesAndMetricsNeedNoKey() {
		assertThat(get("/actuator/prometheus", null).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private ResponseEntity<String> get(String path, @Nullable String apiKey) {
		return ChurnApi.answer(ChurnApi.client(this.port, apiKey).get().uri(path));
	}

	private ResponseEntity<String> recordWin(String apiKey) {
		return ChurnApi.answer(ChurnApi.client(this.port, apiKey)
			.post()
			.uri("/api/v1/win-loss")
			.contentType(MediaType.APPLICATION_JSON)
			.body(WIN));
	}

	private ResponseEntity<String> rebuild(String apiKey) {
		return ChurnApi.answer(ChurnApi.client(this.port, apiKey).post().uri("/api/v1/admin/rebuild"));
	}

}
