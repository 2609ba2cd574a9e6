package io.feedbackloop.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's staff REST API over real HTTP, for the tests: signed in with the API keys of the published demo
 * staff (README, platform-spring's {@code SecurityProperties.DEMO_USERS}), or with no key at all. Every answer
 * comes back whatever its status, with its body as text.
 *
 * <p>Usage: {@code new StaffApiClient(port).get("/api/v1/cases/" + id, StaffApiClient.AGENT)}; a write that
 * must name the version it changes passes it as {@code If-Match}, e.g. {@code "\"1\""} or the
 * {@link Response#etag()} of an earlier read. platform-spring's {@code SecurityPropertiesTests} checks the keys
 * and {@link #HEADER} against the demo users.
 */
public final class StaffApiClient {

	/** The header carrying the API key (platform-spring's {@code StaffSecurity.HEADER}). */
	public static final String HEADER = "X-API-Key";

	/** {@code agent-li}, role {@code agent}. */
	public static final String AGENT = "dev-agent-li-key";

	/** {@code agent-chen}, role {@code agent}: a second agent, for two people changing the same thing. */
	public static final String OTHER_AGENT = "dev-agent-chen-key";

	/** {@code supervisor-wang}, role {@code supervisor}. */
	public static final String SUPERVISOR = "dev-supervisor-wang-key";

	/** {@code analyst-zhao}, role {@code analyst}: reads only. */
	public static final String ANALYST = "dev-analyst-zhao-key";

	private static final String JSON_TYPE = "application/json";

	private static final String PROBLEM_TYPE = "application/problem+json";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	/**
	 * A client of the service listening on this port of {@code 127.0.0.1}.
	 * @param port the service's HTTP port
	 */
	public StaffApiClient(int port) {
		this.port = port;
	}

	public Response get(String path, @Nullable String apiKey) {
		return send("GET", path, apiKey, null, null);
	}

	/** A POST of a JSON body; an empty string sends an empty body, still as JSON. */
	public Response post(String path, @Nullable String apiKey, @Nullable String ifMatch, String json) {
		return send("POST", path, apiKey, ifMatch, json);
	}

	/** A PUT of a JSON body. */
	public Response put(String path, @Nullable String apiKey, @Nullable String ifMatch, String json) {
		return send("PUT", path, apiKey, ifMatch, json);
	}

	/**
	 * A request with a JSON body, or with no body and no {@code Content-Type} at all.
	 * @param method the HTTP method
	 * @param path the path and query, already encoded
	 * @param apiKey the API key, or none: anonymous
	 * @param ifMatch the {@code If-Match} header, if any
	 * @param json the body, if any
	 * @return the answer
	 */
	public Response send(String method, String path, @Nullable String apiKey, @Nullable String ifMatch,
			@Nullable String json) {
		if (json == null) {
			return send(method, path, apiKey, ifMatch, null, null);
		}
		return send(method, path, apiKey, ifMatch, JSON_TYPE, json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A request with a body of any type, e.g. a binary upload.
	 * @param method the HTTP method
	 * @param path the path and query, already encoded
	 * @param apiKey the API key, or none: anonymous
	 * @param ifMatch the {@code If-Match} header, if any
	 * @param contentType the body's {@code Content-Type}, if it has one
	 * @param body the body, or none
	 * @return the answer
	 */
	public Response send(String method, String path, @Nullable String apiKey, @Nullable String ifMatch,
			@Nullable String contentType, byte @Nullable [] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (apiKey != null) {
			request.header(HEADER, apiKey);
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(method + " " + path + " interrupted", ex);
		}
	}

	/**
	 * An answer, whatever its status.
	 *
	 * @param status its status code
	 * @param headers its headers
	 * @param body its body as text, empty if it had none
	 */
	public record Response(int status, HttpHeaders headers, String body) {

		/** The body as JSON. */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The first value of a header, if it was sent. */
		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		/** The {@code Content-Type} as sent, e.g. {@code application/json}, or an empty string. */
		public String contentType() {
			return header("Content-Type").orElse("");
		}

		/** The {@code ETag}, which the answer must have. */
		public String etag() {
			return header("ETag").orElseThrow(() -> new AssertionError("no ETag in " + this));
		}

		/** The {@code WWW-Authenticate} header, if it was sent. */
		public @Nullable String authenticate() {
			return header("WWW-Authenticate").orElse(null);
		}

		/** The {@code Location} header, if it was sent. */
		public @Nullable String location() {
			return header("Location").orElse(null);
		}

		/** Whether the body is an RFC 9457 problem ({@code application/problem+json}, any parameters). */
		public boolean isProblem() {
			String type = contentType();
			int parameters = type.indexOf(';');
			return ((parameters < 0) ? type : type.substring(0, parameters)).strip().equalsIgnoreCase(PROBLEM_TYPE);
		}

	}

}
