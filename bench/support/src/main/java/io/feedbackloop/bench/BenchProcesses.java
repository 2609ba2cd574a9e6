package io.feedbackloop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What every benchmark does with its child processes (the platform-local infrastructure, the service
 * jars): start them with their output in a log file, wait for a line in it, find the jars, stop them all
 * at the end. Compiled into each benchmark from {@code bench/support} (a source root of its own, see the
 * benchmarks' {@code pom.xml}).
 */
final class BenchProcesses {

	private final Path root;

	private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

	BenchProcesses(Path root) {
		this.root = root;
	}

	/** Starts a JVM (the benchmark's own {@code java}) with its output in {@code log}. */
	Process start(Path log, Map<String, String> env, String... javaArgs) throws IOException {
		return start(ownJava(), log, env, javaArgs);
	}

	/** The {@code java} command running this benchmark. */
	static String ownJava() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/** Starts a JVM with the given {@code java} command and its output in {@code log}. */
	Process start(String java, Path log, Map<String, String> env, String... javaArgs) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(Arrays.asList(javaArgs));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(env);
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	/** A benchmark's body. */
	interface Run {

		void run() throws Exception;

	}

	/**
	 * Runs a benchmark and exits: {@code cleanup} (stopping what it started) runs however it ends, also
	 * on Ctrl-C.
	 */
	static void runAndExit(Run benchmark, Runnable cleanup) throws Exception {
		Runtime.getRuntime().addShutdownHook(new Thread(cleanup));
		try {
			benchmark.run();
		}
		finally {
			cleanup.run();
		}
		System.exit(0);
	}

	/** A benchmark's command-line options: {@code --name value} pairs. */
	static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}

	/** platform-local's Kafka broker and MongoDB-wire server, started and ready. */
	record Infrastructure(Process process, String bootstrap, String mongoUri) {
	}

	/**
	 * Starts platform-local's jar (Kafka in KRaft mode and the MongoDB-wire server, on free ports, data
	 * under {@code data}) and waits until it is ready.
	 */
	Infrastructure startInfrastructure(Path data, String heap, String mongoBackend) throws Exception {
		return startInfrastructure(data, heap, mongoBackend, List.of());
	}

	/**
	 * Starts platform-local's jar as {@link #startInfrastructure(Path, String, String)} does, with more
	 * JVM options (a benchmark's garbage collector settings, say) after {@code -Xmx}.
	 */
	Infrastructure startInfrastructure(Path data, String heap, String mongoBackend, List<String> jvmOptions)
			throws Exception {
		return startInfrastructure(ownJava(), data, heap, mongoBackend, jvmOptions);
	}

	/**
	 * Starts platform-local's jar as {@link #startInfrastructure(Path, String, String, List)} does, with
	 * another {@code java} command (a newer JDK for its garbage collector, say).
	 */
	Infrastructure startInfrastructure(String java, Path data, String heap, String mongoBackend,
			List<String> jvmOptions) throws Exception {
		int kafkaPort = freePort();
		int mongoPort = freePort();
		log("starting Kafka (KRaft) on %d and the MongoDB-wire server (%s) on %d (data %s)", kafkaPort, mongoBackend,
				mongoPort, data);
		Path log = data.resolve("infrastructure.log");
		List<String> args = new ArrayList<>();
		args.add("-Xmx" + heap);
		args.addAll(jvmOptions);
		args.addAll(List.of("-jar", jar("platform-local").toString(), "--data", data.toString(), "--kafka-port",
				String.valueOf(kafkaPort), "--kafka-controller-port", String.valueOf(freePort()), "--mongo-port",
				String.valueOf(mongoPort), "--smtp-port", String.valueOf(freePort()), "--imap-port",
				String.valueOf(freePort()), "--sms-port", String.valueOf(freePort()), "--mongo-backend", mongoBackend));
		Process infra = start(java, log, Map.of(), args.toArray(String[]::new));
		awaitLine(log, "READY", infra, Duration.ofSeconds(120), false);
		return new Infrastructure(infra, "127.0.0.1:" + kafkaPort, "mongodb://127.0.0.1:" + mongoPort);
	}

	List<Process> started() {
		synchronized (this.processes) {
			return List.copyOf(this.processes);
		}
	}

	/** Waits until a line of {@code log} starts with (or, {@code anywhere}, contains) {@code text}. */
	static void awaitLine(Path log, String text, Process process, Duration timeout, boolean anywhere)
			throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(log)) {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
					if (reader.lines().anyMatch((l) -> anywhere ? l.contains(text) : l.startsWith(text))) {
						return;
					}
				}
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("process exited; see " + log);
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		throw new IllegalStateException("no " + text + " in " + log);
	}

	/** Stops every process started, the last first; forcibly after 30 s. */
	void stopAll() {
		List<Process> running;
		synchronized (this.processes) {
			running = new ArrayList<>(this.processes);
			this.processes.clear();
		}
		Collections.reverse(running);
		for (Process process : running) {
			process.destroy();
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** A module's executable jar, which the benchmark's {@code run} script builds. */
	Path jar(String module) {
		Path jar = this.root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar + " is missing: the benchmark's run script builds it");
		}
		return jar;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static void log(String format, Object... args) {
		System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

}
