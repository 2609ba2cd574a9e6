package io.feedbackloop.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against the running service (java.net.http, nothing mocked). */
public final class IngestHttp {

	public static final String FEEDBACK = "/api/v1/feedback";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public IngestHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public HttpResponse<String> post(String json) {
		return send(postRequest(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	/** Posts without a Content-Length (chunked), so that only counting the bytes can find the limit. */
	public HttpResponse<String> postChunked(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return send(postRequest(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
	}

	public CompletableFuture<HttpResponse<String>> postAsync(String json) {
		return this.client.sendAsync(postRequest(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.GET()
			.build());
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	public static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	private HttpRequest postRequest(HttpRequest.BodyPublisher body) {
		return HttpRequest.newBuilder(URI.create(this.base + FEEDBACK))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(body)
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
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
