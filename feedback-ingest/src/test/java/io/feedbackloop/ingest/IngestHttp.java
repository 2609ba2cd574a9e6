package io.feedbackloop.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client against the running service (java.net.http, nothing mocked), sending a channel
 * system's API key ({@link TestClients#ALL_CHANNELS_KEY} unless told otherwise).
 */
public final class IngestHttp {

	public static final String FEEDBACK = "/api/v1/feedback";

	public static final String BATCH = "/api/v1/feedback/batch";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final @Nullable String apiKey;

	public IngestHttp(int port) {
		this(port, TestClients.ALL_CHANNELS_KEY);
	}

	public IngestHttp(int port, @Nullable String apiKey) {
		this.base = "http://127.0.0.1:" + port;
		this.apiKey = apiKey;
	}

	/** The same service, with another key (null: none). */
	public IngestHttp as(@Nullable String apiKey) {
		return new IngestHttp(Integer.parseInt(this.base.substring(this.base.lastIndexOf(':') + 1)), apiKey);
	}

	public HttpResponse<String> post(String json, String... headers) {
		return send(postRequest(FEEDBACK, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8), headers));
	}

	public HttpResponse<String> postBatch(String json) {
		return send(postRequest(BATCH, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	/** Posts without a Content-Length (chunked), so that only counting the bytes can find the limit. */
	public HttpResponse<String> postChunked(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return send(postRequest(FEEDBACK,
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
	}

	public CompletableFuture<HttpResponse<String>> postAsync(String json, String... headers) {
		return CLIENT.sendAsync(
				postRequest(FEEDBACK, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8), headers),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> get(String path) {
		return get(path, "application/json");
	}

	public HttpResponse<String> get(String path, String accept) {
		List<String> headers = new ArrayList<>(List.of("Accept", accept));
		if (this.apiKey != null) {
			headers.addAll(List.of("X-Api-Key", this.apiKey));
		}
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.headers(headers.toArray(String[]::new))
			.GET()
			.build());
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/**
	 * Concurrent submissions of one record: exactly one made it (202), every other was told it is a
	 * repeat (200), and all carry the same feedback id.
	 */
	public static void assertOneAcceptedTheRestRepeats(List<HttpResponse<String>> responses) {
		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202, 200);
		assertThat(responses).filteredOn((response) -> response.statusCode() == 202).hasSize(1);
		assertThat(responses.stream().map((response) -> json(response).path("feedbackId").asString()).distinct())
			.hasSize(1);
	}

	public static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	private HttpRequest postRequest(String path, HttpRequest.BodyPublisher body, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(body);
		if (this.apiKey != null) {
			builder.header("X-Api-Key", this.apiKey);
		}
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder.build();
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP request failed: " + request, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
