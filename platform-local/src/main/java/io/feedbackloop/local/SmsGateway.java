package io.feedbackloop.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP SMS gateway for the local run and the tests: the notification service talks to it
 * exactly as it would to a provider's API. It keeps what it accepted so a person (GET
 * {@code /v1/messages}) or a test can read it, and can be switched into an outage.
 *
 * <p>API: {@code POST /v1/messages} with {@code {"to": "+8613800000000", "text": "...",
 * "reference": "..."}} answers {@code 201 {"messageId": "..."}}; {@code 400} for a number that is
 * not E.164 (a permanent failure), {@code 503} during an outage (a temporary one).
 * {@code PUT /v1/availability} with {@code {"available": false}} starts an outage and
 * {@code {"available": true}} ends it, so that a demo or the dashboard check can show one from outside
 * the process; {@code GET /v1/availability} reads the state.
 */
public final class SmsGateway implements AutoCloseable {

	public record SmsMessage(String messageId, String to, String text, String reference) {
	}

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<SmsMessage> accepted = new CopyOnWriteArrayList<>();

	private final AtomicBoolean available = new AtomicBoolean(true);

	private final AtomicLong sequence = new AtomicLong();

	private SmsGateway(HttpServer server) {
		this.server = server;
	}

	public static SmsGateway start(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		SmsGateway gateway = new SmsGateway(server);
		server.createContext("/v1/messages", gateway::handle);
		server.createContext("/v1/availability", gateway::handleAvailability);
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
		return gateway;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<SmsMessage> accepted() {
		return List.copyOf(this.accepted);
	}

	/** Simulates a provider outage: every send answers 503 until switched back. */
	public void setAvailable(boolean available) {
		this.available.set(available);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if ("GET".equals(exchange.getRequestMethod())) {
				respond(exchange, 200, JSON.writeValueAsBytes(new ArrayList<>(this.accepted)));
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, error("method not allowed"));
				return;
			}
			if (!this.available.get()) {
				respond(exchange, 503, error("gateway unavailable"));
				return;
			}
			JsonNode body = jsonBody(exchange);
			if (body == null) {
				return;
			}
			String to = body.path("to").asString("");
			String text = body.path("text").asString("");
			if (!to.matches("\\+[1-9][0-9]{6,14}")) {
				respond(exchange, 400, error("'to' is not an E.164 number"));
				return;
			}
			if (text.isBlank()) {
				respond(exchange, 400, error("'text' is empty"));
				return;
			}
			SmsMessage message = new SmsMessage("sms-" + this.sequence.incrementAndGet(), to, text,
					body.path("reference").asString(""));
			this.accepted.add(message);
			respond(exchange, 201, JSON.writeValueAsBytes(Map.of("messageId", message.messageId())));
		}
	}

	private void handleAvailability(HttpExchange exchange) throws IOException {
		try (exchange) {
			if ("PUT".equals(exchange.getRequestMethod())) {
				JsonNode body = jsonBody(exchange);
				if (body == null) {
					return;
				}
				if (!body.path("available").isBoolean()) {
					respond(exchange, 400, error("'available' must be true or false"));
					return;
				}
				setAvailable(body.path("available").asBoolean());
			}
			else if (!"GET".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, error("method not allowed"));
				return;
			}
			respond(exchange, 200, JSON.writeValueAsBytes(Map.of("available", this.available.get())));
		}
	}

	/** The request's JSON body, or null once it has been answered 400 for not being JSON. */
	private static @Nullable JsonNode jsonBody(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			return JSON.readTree(in);
		}
		catch (RuntimeException ex) {
			respond(exchange, 400, error("body is not JSON"));
			return null;
		}
	}

	private static byte[] error(String message) {
		return JSON.writeValueAsBytes(Map.of("error", message));
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}


}
