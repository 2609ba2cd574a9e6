package io.feedbackloop.notification;

import java.nio.charset.StandardCharsets;

import io.feedbackloop.platform.security.StaffSecurity;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The service's staff API over real HTTP, signed in with the documented local API keys (README). */
public final class StaffApi {

	public static final String AGENT = "dev-agent-li-key";

	public static final String SUPERVISOR = "dev-supervisor-wang-key";

	public static final String ANALYST = "dev-analyst-zhao-key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StaffApi() {
	}

	/** A client sending the API key on every request, or no key at all. */
	public static RestClient client(int port, @Nullable String apiKey) {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port);
		if (apiKey != null) {
			builder.defaultHeader(StaffSecurity.HEADER, apiKey);
		}
		return builder.build();
	}

	/** The answer to a request whatever its status. */
	public static Answer answer(RestClient.RequestHeadersSpec<?> request) {
		return request.exchange((sent, response) -> new Answer(response.getStatusCode(),
				response.getHeaders().getContentType(), response.getHeaders().getFirst("WWW-Authenticate"),
				new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	/**
	 * An answer, with the body as text.
	 *
	 * @param status its status
	 * @param contentType its content type, if any
	 * @param authenticate its {@code WWW-Authenticate} header, if any
	 * @param body its body
	 */
	public record Answer(HttpStatusCode status, @Nullable MediaType contentType, @Nullable String authenticate,
			String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public boolean isProblem() {
			return this.contentType != null && this.contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}

	}

}
