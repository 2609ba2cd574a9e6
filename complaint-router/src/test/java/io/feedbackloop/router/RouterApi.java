package io.feedbackloop.router;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The router's REST API over real HTTP, signed in with the documented local API keys. */
public final class RouterApi {

	public static final String AGENT = "dev-agent-li-key";

	public static final String OTHER_AGENT = "dev-agent-chen-key";

	public static final String SUPERVISOR = "dev-supervisor-wang-key";

	public static final String ANALYST = "dev-analyst-zhao-key";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	public RouterApi(int port) {
		this.port = port;
	}

	public Response get(String path, @Nullable String apiKey) {
		return send("GET", path, apiKey, null, null);
	}

	public Response post(String path, @Nullable String apiKey, @Nullable String ifMatch, String json) {
		return send("POST", path, apiKey, ifMatch, json);
	}

	public Response put(String path, @Nullable String apiKey, @Nullable String ifMatch, String json) {
		return send("PUT", path, apiKey, ifMatch, json);
	}

	/** Moves a case to a status, based on the version it has now; the extra fields are JSON members. */
	public Response transition(String caseId, String apiKey, String status, String extraJson) {
		String etag = get("/api/v1/cases/" + caseId, apiKey).etag();
		return post("/api/v1/cases/" + caseId + "/transitions", apiKey, etag,
				"{\"status\":\"" + status + "\"" + (extraJson.isEmpty() ? "" : "," + extraJson) + "}");
	}

	public Response send(String method, String path, @Nullable String apiKey, @Nullable String ifMatch,
			@Nullable String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (apiKey != null) {
			request.header("X-API-Key", apiKey);
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("ETag"),
					response.headers().firstValue("Content-Type").orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, Optional<String> etagHeader, String contentType, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String etag() {
			return this.etagHeader.orElseThrow(() -> new AssertionError("no ETag in " + this));
		}

	}

}
