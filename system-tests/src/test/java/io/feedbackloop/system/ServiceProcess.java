package io.feedbackloop.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One service started from its executable jar, exactly as {@code bin/run-local} starts it, with its
 * infrastructure given through the same environment variables.
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private ServiceProcess(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static ServiceProcess start(String name, int port, Map<String, String> environment) throws IOException {
		Path root = Path.of(System.getProperty("feedbackloop.root", ".."));
		String version = System.getProperty("feedbackloop.version", "0.1.0-SNAPSHOT");
		Path jar = root.resolve(name).resolve("target").resolve(name + "-" + version + "-exec.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -B verify builds them before this module)");
		}
		Path logs = Files.createDirectories(Path.of("target", "service-logs"));
		Path log = logs.resolve(name + ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		builder.environment().put("PORT", String.valueOf(port));
		return new ServiceProcess(name, port, builder.start(), log);
	}

	void awaitHealthy() {
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited; see " + this.log.toAbsolutePath());
			}
			try {
				HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
						HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200 && response.body().contains("\"UP\"");
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	/** What the service has logged so far. */
	List<String> logLines() throws IOException {
		return Files.readAllLines(this.log);
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
