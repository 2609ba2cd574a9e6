package io.feedbackloop.system;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.feedbackloop.contracts.Topic;
import io.feedbackloop.contracts.Topics;
import io.feedbackloop.platform.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deployment files under {@code deploy/} against the build: they parse, run only the images the
 * build produces ({@code deploy/Dockerfile} over each service's executable jar) or pinned
 * third-party images, give each service only the settings its {@code application.yml} reads
 * ({@code ${NAME:default}}) and every setting whose local default is this machine, create the
 * topics the contracts declare, wire Prometheus and Grafana to the services, and give the services
 * that sign staff in their users from a Secret.
 */
class DeploymentFilesTests {

	private static final Path ROOT = Path.of(System.getProperty("feedbackloop.root", "..")).toAbsolutePath().normalize();

	private static final Path DEPLOY = ROOT.resolve("deploy");

	private static final String VERSION = System.getProperty("feedbackloop.version", "0.1.0-SNAPSHOT");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

	private static final Pattern PINNED_IMAGE = Pattern.compile("[a-z0-9./-]+:[A-Za-z0-9._-]+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The setting with which a service reads its staff users from a file (application.yml). */
	private static final String STAFF_USERS_FILE = "STAFF_USERS_FILE";

	private static final String STAFF_USERS_SECRET = "feedbackloop-staff-users";

	/** Settings that hold credentials: in Kubernetes they come from Secrets, never from literals or ConfigMaps. */
	private static final Set<String> SECRETS = Set.of("MONGODB_URI", "SURVEY_SECRET", "FEEDBACK_INGEST_API_KEY",
			"FEEDBACKLOOP_PSEUDONYM_KEY");

	/** Settings whose local default is published in this repository: a deployment must give its own. */
	private static final Set<String> PUBLISHED_DEFAULTS = Set.of("SURVEY_SECRET", "FEEDBACKLOOP_PSEUDONYM_KEY");

	@Test
	void everyYamlAndJsonFileUnderDeployParses() throws IOException {
		List<Path> files = files(DEPLOY, ".yml", ".yaml", ".json");
		assertThat(files).hasSizeGreaterThan(15);
		for (Path file : files) {
			if (file.toString().endsWith(".json")) {
				assertThat(JSON.readTree(file.toFile()).isObject()).as(file.toString()).isTrue();
			}
			else {
				assertThat(yamlDocuments(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
			}
		}
	}

	@Test
	void composeRunsTheBuildsImagesWithOnlyTheSettingsEachServiceReads() throws IOException {
		Map<String, Object> services = map(yaml(DEPLOY.resolve("docker-compose.yml")).get("services"));
		Map<String, Set<String>> settings = new TreeMap<>();
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(definition);
			String image = (String) service.get("image");
			assertThat(image).as("image of " + name).matches(PINNED_IMAGE);
			if (image.startsWith("feedbackloop/")) {
				assertThat(image).isEqualTo(builtImage(name));
				Map<String, Object> build = map(service.get("build"));
				assertThat(build.get("dockerfile")).isEqualTo("deploy/Dockerfile");
				assertThat(map(build.get("args"))).containsEntry("SERVICE", name);
				assertThat(service.get("healthcheck")).as("health check of " + name).isNotNull();
				settings.put(name, map(service.get("environment")).keySet());
			}
		});
		assertThat(settings.keySet()).containsExactlyInAnyOrderElementsOf(services());
		settings.forEach(this::assertReadsExactlyWhatItNeeds);
	}

	@Test
	void kubernetesRunsTheBuildsImagesWithOnlyTheSettingsEachServiceReads() throws IOException {
		Map<String, Object> kustomization = yaml(DEPLOY.resolve("k8s/kustomization.yaml"));
		Map<String, Map<String, Object>> resources = kubernetesResources(kustomization);
		for (Object generator : list(kustomization.get("configMapGenerator"))) {
			for (Object file : list(map(generator).getOrDefault("files", List.of()))) {
				assertThat(DEPLOY.resolve("k8s").resolve((String) file)).exists();
			}
		}
		assertThat(list(kustomization.get("images"))).allSatisfy(
				(image) -> assertThat(builtImage(((String) map(image).get("name")).substring("feedbackloop/".length())))
					.isEqualTo(map(image).get("name") + ":" + map(image).get("newTag")));

		for (String service : services()) {
			Map<String, Object> deployment = resources.get("Deployment/" + service);
			assertThat(deployment).as("Deployment of " + service).isNotNull();
			assertThat(resources).containsKeys("Service/" + service, "HorizontalPodAutoscaler/" + service,
					"PodDisruptionBudget/" + service);
			Map<String, Object> container = map(
					list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0));
			assertThat(container.get("image")).isEqualTo(builtImage(service));
			assertThat(container).containsKeys("readinessProbe", "livenessProbe", "resources");
			assertThat(map(container.get("resources"))).containsKeys("requests", "limits");
			assertThat(container).doesNotContainKey("envFrom");
			Set<String> names = new TreeSet<>();
			for (Object entry : list(container.get("env"))) {
				Map<String, Object> variable = map(entry);
				names.add((String) variable.get("name"));
				Map<String, Object> from = map(variable.get("valueFrom"));
				if (from.containsKey("configMapKeyRef")) {
					Map<String, Object> ref = map(from.get("configMapKeyRef"));
					assertThat(generatedKeys(kustomization, "configMapGenerator", (String) ref.get("name")))
						.as(service + " " + variable.get("name"))
						.contains((String) ref.get("key"));
				}
				if (SECRETS.contains(variable.get("name"))) {
					assertThat(from).as(service + " " + variable.get("name") + " from a Secret").containsKey("secretKeyRef");
				}
				if (from.containsKey("secretKeyRef")) {
					Map<String, Object> ref = map(from.get("secretKeyRef"));
					assertThat(generatedKeys(kustomization, "secretGenerator", (String) ref.get("name")))
						.as(service + " " + variable.get("name"))
						.contains((String) ref.get("key"));
				}
			}
			assertReadsExactlyWhatItNeeds(service, names);
			for (String setting : PUBLISHED_DEFAULTS) {
				if (placeholders(service).containsKey(setting)) {
					// Its local default is published: survey links forgeable, pseudonyms reversible.
					assertThat(names).as("settings given to " + service).contains(setting);
				}
			}
		}
		resources.values().forEach((resource) -> images(resource).forEach(
				(image) -> assertThat(image).as("image in " + resource.get("kind")).matches(PINNED_IMAGE)));
	}

	@Test
	void kubernetesUrlsOfItsOwnServicesNameTheirPortsAndTheAutoscalersKeepTheReplicaCounts() throws IOException {
		Map<String, Object> kustomization = yaml(DEPLOY.resolve("k8s/kustomization.yaml"));
		Map<String, Map<String, Object>> resources = kubernetesResources(kustomization);
		Pattern serviceUrl = Pattern.compile("https?://(" + String.join("|", services()) + ")(?::(\\d+))?(/.*)?");
		List<String> urls = list(kustomization.get("configMapGenerator")).stream()
			.flatMap((generator) -> list(map(generator).getOrDefault("literals", List.of())).stream())
			.map((literal) -> ((String) literal).substring(((String) literal).indexOf('=') + 1))
			.filter((value) -> serviceUrl.matcher(value).matches())
			.toList();
		assertThat(urls).as("URLs of the system's own services in the ConfigMap").isNotEmpty();
		for (String url : urls) {
			Matcher m = serviceUrl.matcher(url);
			assertThat(m.matches()).isTrue();
			int port = (m.group(2) != null) ? Integer.parseInt(m.group(2)) : url.startsWith("https") ? 443 : 80;
			List<Object> ports = list(map(resources.get("Service/" + m.group(1)).get("spec")).get("ports"));
			assertThat(ports).as(url + ": a port of Service " + m.group(1))
				.anySatisfy((p) -> assertThat(((Number) map(p).get("port")).intValue()).isEqualTo(port));
		}
		for (String service : services()) {
			// kubectl apply would otherwise reset what the HorizontalPodAutoscaler scaled to
			assertThat(map(resources.get("Deployment/" + service).get("spec"))).as("Deployment " + service)
				.doesNotContainKey("replicas");
		}
		// the PodMonitor selects the pods by the common label: it must be on the pod templates
		assertThat(list(kustomization.get("labels"))).anySatisfy((labels) -> {
			assertThat(map(map(labels).get("pairs"))).containsKey("app.kubernetes.io/part-of");
			assertThat(map(labels).get("includeTemplates")).isEqualTo(true);
		});
	}

	@Test
	void theDockerfileCopiesTheExecutableJarOfTheBuild() throws IOException {
		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		assertThat(dockerfile).contains("ARG VERSION=" + VERSION)
			.contains("COPY ${SERVICE}/target/${SERVICE}-${VERSION}-exec.jar /app/app.jar");
		for (String service : services()) {
			assertThat(ROOT.resolve(service).resolve("target").resolve(service + "-" + VERSION + "-exec.jar"))
				.as("the jar the Maven build makes for " + service)
				.exists();
		}
	}

	@Test
	void theTopicScriptCreatesExactlyTheTopicsOfTheContracts() throws IOException {
		Map<String, Integer> created = new TreeMap<>();
		Matcher topic = Pattern.compile("(?m)^topic (\\S+) (\\d+)$")
			.matcher(Files.readString(DEPLOY.resolve("k8s/create-topics.sh")));
		while (topic.find()) {
			created.put(topic.group(1), Integer.valueOf(topic.group(2)));
		}
		assertThat(created).isEqualTo(
				Topics.ALL.stream().collect(Collectors.toMap(Topic::name, Topic::partitions, (a, b) -> a, TreeMap::new)));
	}

	@Test
	void prometheusScrapesEveryServiceOnItsPortAndGrafanaReadsThatPrometheus() throws IOException {
		Map<String, Object> scrape = map(list(yaml(DEPLOY.resolve("prometheus/prometheus.yml")).get("scrape_configs")).get(0));
		assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
		Map<String, String> targets = new TreeMap<>();
		for (Object config : list(scrape.get("static_configs"))) {
			targets.put((String) map(map(config).get("labels")).get("service"),
					(String) list(map(config).get("targets")).get(0));
		}
		Map<String, String> expected = new TreeMap<>();
		for (String service : services()) {
			expected.put(service, service + ":" + placeholders(service).get("PORT"));
		}
		assertThat(targets).isEqualTo(expected);

		Map<String, Object> datasource = map(list(
				yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml")).get("datasources")).get(0));
		for (Path dashboard : files(DEPLOY.resolve("grafana/dashboards"), ".json")) {
			List<JsonNode> datasources = JSON.readTree(dashboard.toFile()).findValues("datasource");
			assertThat(datasources).as(dashboard.toString())
				.isNotEmpty()
				.allSatisfy((node) -> assertThat(node.path("uid").asString()).isIn(datasource.get("uid"), "-- Grafana --"));
		}
	}

	@Test
	void kubernetesExposesToTheInternetOnlyTheSurveyPagesOnTheHostSurveyLinksName() throws IOException {
		Map<String, Object> kustomization = yaml(DEPLOY.resolve("k8s/kustomization.yaml"));
		String publicBaseUrl = list(kustomization.get("configMapGenerator")).stream()
			.map(DeploymentFilesTests::map)
			.filter((generator) -> "feedbackloop-config".equals(generator.get("name")))
			.flatMap((generator) -> list(generator.get("literals")).stream())
			.map(String.class::cast)
			.filter((literal) -> literal.startsWith("PUBLIC_BASE_URL="))
			.map((literal) -> literal.substring("PUBLIC_BASE_URL=".length()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("feedbackloop-config gives no PUBLIC_BASE_URL"));
		String host = URI.create(publicBaseUrl).getHost();
		Map<String, Map<String, Object>> resources = kubernetesResources(kustomization);
		List<Map<String, Object>> ingresses = resources.values()
			.stream()
			.filter((resource) -> "Ingress".equals(resource.get("kind")))
			.toList();
		assertThat(ingresses).as("an Ingress for the survey links of " + publicBaseUrl).isNotEmpty();
		Set<String> servicePorts = list(map(resources.get("Service/notification-service").get("spec")).get("ports"))
			.stream()
			.map((port) -> (String) map(port).get("name"))
			.collect(Collectors.toSet());
		List<String> routes = new ArrayList<>();
		for (Map<String, Object> ingress : ingresses) {
			Map<String, Object> spec = map(ingress.get("spec"));
			assertThat(spec).as("no default backend: unmatched paths go nowhere").doesNotContainKey("defaultBackend");
			for (Object tls : list(spec.getOrDefault("tls", List.of()))) {
				assertThat(list(map(tls).get("hosts"))).containsExactly(host);
			}
			assertThat(list(spec.get("tls"))).as("TLS for " + host).isNotEmpty();
			for (Object rule : list(spec.get("rules"))) {
				assertThat(map(rule).get("host")).as("the host of PUBLIC_BASE_URL").isEqualTo(host);
				for (Object entry : list(map(map(rule).get("http")).get("paths"))) {
					Map<String, Object> path = map(entry);
					Map<String, Object> service = map(map(path.get("backend")).get("service"));
					routes.add(path.get("pathType") + " " + path.get("path") + " -> " + service.get("name"));
					assertThat(servicePorts).contains((String) map(service.get("port")).get("name"));
				}
			}
		}
		// The survey pages (notification-service's SurveyController: <base-url>/survey/<token>), nothing else:
		// not its staff API, not /actuator (probes and metrics share the port with the survey pages).
		assertThat(routes).containsExactly("Prefix /survey -> notification-service");
	}

	@Test
	void kubernetesGivesEachServiceThatSignsStaffInTheUsersOfTheStaffSecret() throws IOException {
		Map<String, Object> kustomization = yaml(DEPLOY.resolve("k8s/kustomization.yaml"));
		Map<String, Object> generator = list(kustomization.get("secretGenerator")).stream()
			.map(DeploymentFilesTests::map)
			.filter((candidate) -> STAFF_USERS_SECRET.equals(candidate.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no secretGenerator " + STAFF_USERS_SECRET));
		assertThat(list(generator.get("files"))).containsExactly("staff-users.yml");

		for (String service : staffServices()) {
			Map<String, Object> pod = map(map(map(yaml(DEPLOY.resolve("k8s").resolve(service + ".yaml")).get("spec"))
				.get("template")).get("spec"));
			Map<String, Object> container = map(list(pod.get("containers")).get(0));
			String file = list(container.get("env")).stream()
				.map(DeploymentFilesTests::map)
				.filter((variable) -> STAFF_USERS_FILE.equals(variable.get("name")))
				.map((variable) -> (String) variable.get("value"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service + " is not given " + STAFF_USERS_FILE));
			Map<String, Object> mount = list(container.get("volumeMounts")).stream()
				.map(DeploymentFilesTests::map)
				.filter((candidate) -> file.equals(candidate.get("mountPath") + "/staff-users.yml"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service + ": nothing mounted at " + file));
			assertThat(mount.get("readOnly")).as(service).isEqualTo(true);
			Map<String, Object> volume = list(pod.get("volumes")).stream()
				.map(DeploymentFilesTests::map)
				.filter((candidate) -> mount.get("name").equals(candidate.get("name")))
				.findFirst()
				.orElseThrow();
			assertThat(map(volume.get("secret")).get("secretName")).as(service).isEqualTo(STAFF_USERS_SECRET);
		}
	}

	@Test
	void composeGivesEachServiceThatSignsStaffInTheUsersOfTheStaffSecret() throws IOException {
		Map<String, Object> compose = yaml(DEPLOY.resolve("docker-compose.yml"));
		String file = (String) map(map(compose.get("secrets")).get("staff-users")).get("file");
		assertThat(file).isEqualTo("${FEEDBACKLOOP_STAFF_USERS:-./k8s/staff-users.yml}");

		Map<String, Object> services = map(compose.get("services"));
		for (String service : staffServices()) {
			Map<String, Object> definition = map(services.get(service));
			assertThat(list(definition.get("secrets"))).as(service)
				.containsExactly(Map.of("source", "staff-users", "target", "staff-users.yml"));
			assertThat(map(definition.get("environment"))).as(service)
				.containsEntry(STAFF_USERS_FILE, "/run/secrets/staff-users.yml");
		}
	}

	@Test
	void theStaffUsersFileIsWhatTheServicesReadOnceItsPlaceholdersAreReplaced() throws IOException {
		String placeholders = Files.readString(DEPLOY.resolve("k8s/staff-users.yml"));

		assertThatThrownBy(() -> staffUsers(placeholders)).hasStackTraceContaining(
				"feedbackloop.security.users[0].api-key-sha256 must be the 64 hex digits of the key's SHA-256 hash");
		// What an operator does: each placeholder replaced by the hash of a new key.
		String replaced = Pattern.compile("REPLACE-with-the-sha256-of-\\S+")
			.matcher(placeholders)
			.replaceAll((placeholder) -> sha256("key for " + placeholder.group()));
		SecurityProperties users = staffUsers(replaced);
		assertThat(users.users()).extracting(SecurityProperties.User::name)
			.containsExactly("agent-1", "supervisor-1", "analyst-1");
		assertThat(users.users()).flatExtracting(SecurityProperties.User::roles)
			.containsExactly("agent", "supervisor", "analyst");
	}

	/**
	 * A deployment may set only what the service reads, and must set what points at this machine
	 * by default (Kafka, MongoDB, the providers), or the service would look for them on localhost.
	 */
	private void assertReadsExactlyWhatItNeeds(String service, Set<String> given) {
		Map<String, String> read = placeholders(service);
		assertThat(read.keySet()).as("settings read by " + service).containsAll(given);
		Set<String> local = read.entrySet()
			.stream()
			.filter((e) -> e.getValue() != null && e.getValue().contains("127.0.0.1"))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		assertThat(given).as("settings given to " + service).containsAll(local);
	}

	/** The {@code ${NAME:default}} placeholders of the service's application.yml, with their defaults. */
	private static Map<String, String> placeholders(String service) {
		try {
			Map<String, String> found = new TreeMap<>();
			Matcher placeholder = PLACEHOLDER
				.matcher(Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml")));
			while (placeholder.find()) {
				found.put(placeholder.group(1), placeholder.group(2));
			}
			return found;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The services that read their staff users from a file: complaint-router, churn-analyzer, notification-service. */
	private static List<String> staffServices() {
		List<String> staff = services().stream()
			.filter((service) -> placeholders(service).containsKey(STAFF_USERS_FILE))
			.toList();
		assertThat(staff).containsExactlyInAnyOrder("complaint-router", "churn-analyzer", "notification-service");
		return staff;
	}

	/** The staff users a service would read from the file, checked as at its start-up. */
	private static SecurityProperties staffUsers(String file) throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("staff-users.yml",
				new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8)));
		return new Binder(ConfigurationPropertySources.from(sources)).bind("feedbackloop.security", SecurityProperties.class)
			.get();
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The modules the build turns into services: those with an application.yml. */
	private static List<String> services() {
		try {
			Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
			List<String> services = new ArrayList<>();
			while (module.find()) {
				if (Files.exists(ROOT.resolve(module.group(1)).resolve("src/main/resources/application.yml"))) {
					services.add(module.group(1));
				}
			}
			assertThat(services).isNotEmpty();
			return services;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String builtImage(String service) {
		assertThat(services()).as("a service the build produces").contains(service);
		return "feedbackloop/" + service + ":" + VERSION;
	}

	/** The resources of a kustomization by kind and name ({@code Deployment/feedback-ingest}). */
	private static Map<String, Map<String, Object>> kubernetesResources(Map<String, Object> kustomization)
			throws IOException {
		Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
		for (Object resource : list(kustomization.get("resources"))) {
			for (Object document : yamlDocuments(DEPLOY.resolve("k8s").resolve((String) resource))) {
				Map<String, Object> object = map(document);
				resources.put(object.get("kind") + "/" + map(object.get("metadata")).get("name"), object);
			}
		}
		return resources;
	}

	private static Set<String> generatedKeys(Map<String, Object> kustomization, String generators, String name) {
		return list(kustomization.get(generators)).stream()
			.map(DeploymentFilesTests::map)
			.filter((generator) -> name.equals(generator.get("name")))
			.flatMap((generator) -> list(generator.getOrDefault("literals", List.of())).stream())
			.map((literal) -> ((String) literal).substring(0, ((String) literal).indexOf('=')))
			.collect(Collectors.toSet());
	}

	/** Every container image a Kubernetes object runs. */
	private static List<String> images(Object node) {
		List<String> images = new ArrayList<>();
		if (node instanceof Map<?, ?> object) {
			object.forEach((key, value) -> {
				if ("image".equals(key) && value instanceof String image) {
					images.add(image);
				}
				else {
					images.addAll(images(value));
				}
			});
		}
		else if (node instanceof List<?> items) {
			items.forEach((item) -> images.addAll(images(item)));
		}
		return images;
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		return map(yamlDocuments(file).get(0));
	}

	private static List<Object> yamlDocuments(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			List<Object> documents = new ArrayList<>();
			new Yaml().loadAll(reader).forEach(documents::add);
			return documents;
		}
	}

	private static List<Path> files(Path folder, String... suffixes) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter((p) -> Stream.of(suffixes).anyMatch((s) -> p.toString().endsWith(s))).sorted().toList();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

}
