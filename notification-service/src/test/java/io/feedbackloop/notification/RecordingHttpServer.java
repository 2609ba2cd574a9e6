package io.feedbackloop.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.feedbackloop.local.Ports;
import org.jspecify.annotations.Nullable;

/**
 * A real local HTTP server standing in for a staff system's webhook or for feedback-ingest: it keeps
 * every request it accepted, answers {@code 202 {"feedbackId": "fb-<n>"}}, and can be put into an
 * outage (every request answered with a status such as 503, and not kept) or told how to answer the
 * next requests (such as a {@code 409} problem with {@code Retry-After}; those are not kept either).
 */
public final class RecordingHttpServer implements AutoCloseable {

	/** A request as received: the exact body bytes, for signature checks. */
	public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final List<Request> accepted = new CopyOnWriteArrayList<>();

	private final AtomicInteger failWith = new AtomicInteger();

	private final AtomicLong sequence = new AtomicLong();

	private final Queue<Scripted> nextAnswers = new ConcurrentLinkedQueue<>();

	private final List<Request> refused = new CopyOnWriteArrayList<>();

	/** A scripted answer: status, JSON body, extra headers. */
	public record Answer(int status, String body, Map<String, String> headers) {

	}

	private RecordingHttpServer(HttpServer server) {
		this.server = server;
	}

	public static RecordingHttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.free()), 0);
			RecordingHttpServer recording = new RecordingHttpServer(server);
			server.createContext("/", recording::handle);
			server.setExecutor(recording.executor);
			server.start();
			return recording;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<Request> accepted() {
		return List.copyOf(this.accepted);
	}

	/** The requests answered with a scripted {@link #answerNext(Answer) answer}, in order. */
	public List<Request> refused() {
		return List.copyOf(this.refused);
	}

	/**
	 * Answers the next request whose body contains {@code marker} (such as the test's own case id, so
	 * that another test's request arriving first is not taken) like this instead of accepting it.
	 */
	public void answerNext(String marker, Answer answer) {
		this.nextAnswers.add(new Scripted(marker, answer));
	}

	private record Scripted(String marker, Answer answer) {

	}

	/** Answers every request with this status (such as 503) until {@link #recover()}. */
	public void failWith(int status) {
		this.failWith.set(status);
	}

	public void recover() {
		this.failWith.set(0);
		this.nextAnswers.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					Map.copyOf(exchange.getRequestHeaders()), body);
			Answer scripted = takeScripted(request);
			if (scripted != null) {
				this.refused.add(request);
				scripted.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
				respond(exchange, scripted.status(), scripted.body());
				return;
			}
			int failure = this.failWith.get();
			if (failure != 0) {
				respond(exchange, failure, "{\"error\":\"unavailable\"}");
				return;
			}
			this.accepted.add(request);
			respond(exchange, 202, "{\"feedbackId\":\"fb-" + this.sequence.incrementAndGet() + "\"}");
		}
	}

	private @Nullable Answer takeScripted(Request request) {
		String body = request.bodyText();
		for (Scripted scripted : this.nextAnswers) {
			if (body.contains(scripted.marker()) && this.nextAnswers.remove(scripted)) {
				return scripted.answer();
			}
		}
		return null;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
