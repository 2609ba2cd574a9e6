package io.feedbackloop.churn;

import java.nio.charset.StandardCharsets;

import io.feedbackloop.platform.security.StaffSecurity;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The service's REST API over real HTTP, signed in with the documented local API keys (README). */
public final class ChurnApi {

	public static final String AGENT = "dev-agent-li-key";

	public static final String SUPERVISOR = "dev-supervisor-wang-key";

	public static final String ANALYST = "dev-analyst-zhao-key";

	private ChurnApi() {
	}

	/** A client sending the API key on every request, or no key at all. */
	public static RestClient client(int port, @Nullable String apiKey) {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port);
		if (apiKey != null) {
			builder.defaultHeader(StaffSecurity.HEADER, apiKey);
		}
		return builder.build();
	}

	/** The answer to a request whatever its status, with the body as text. */
	public static ResponseEntity<String> answer(RestClient.RequestHeadersSpec<?> request) {
		return request.exchange((sent, response) -> ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

}
