package io.feedbackloop.ingest.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.feedbackloop.contracts.Topics;
import io.feedbackloop.ingest.Feedbacks;
import io.feedbackloop.ingest.IngestHttp;
import io.feedbackloop.ingest.IngestTest;
import io.feedbackloop.ingest.TestClients;
import io.feedbackloop.local.TestKafka;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HMAC-signed requests against the real HTTP server: the client {@link TestClients#SIGNER} has the
 * secrets of generations 1 and 2, derived from {@link TestClients#HMAC_MASTER_KEY}.
 */
@IngestTest
class SignedRequestTests {

	private static final String PROBLEMS = "https://feedbackloop.io/problems/";

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Test
	void theDocumentedDerivationGivesWhatOpensslComputes() {
		// printf 'feedbackloop-ingest/hmac/v1\n%s\n%s' callcentre-gz 1 \
		//   | openssl dgst -sha256 -hmac test-master-key-0123456789abcdef0123456789 -r
		assertThat(RequestSignatures.deriveSecret(TestClients.HMAC_MASTER_KEY, "callcentre-gz", 1))
			.isEqualTo("1782b0a8d8d3111a4f95c963c951d1189d4e8c2967fc34f7ea09df6d9c6f1d10");
	}

	@Test
	void theSignedStringIsTheDocumentedOneWithTheIdempotencyKeyEmptyWhenThereIsNone() {
		String bodyHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"; // sha256sum of {}
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

		assertThat(RequestSignatures.canonical("1763820000", "post", "/api/v1/feedback", "k-1", body))
			.isEqualTo("1763820000\nPOST\n/api/v1/feedback\nk-1\n" + bodyHash);
		assertThat(RequestSignatures.canonical("1763820000", "GET", "/api/v1/feedback/fb-1", null, new byte[0]))
			.isEqualTo("1763820000\nGET\n/api/v1/feedback/fb-1\n\n"
					+ "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void signedSubmissionIsAcceptedAndPublished() {
		String customerId = Feedbacks.uniqueCustomerId();

		HttpResponse<String> response = send(signed(1, "POST", IngestHttp.FEEDBACK, body(customerId), now()));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
		// The status of what it posted can be read with a signed GET (empty body).
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(send(signed(2, "GET", location, "", now())).statusCode()).isEqualTo(200);
	}

	@Test
	void bothGenerationsWorkDuringARotationAndNoOther() {
		assertThat(send(signed(1, "POST", IngestHttp.FEEDBACK, body(Feedbacks.uniqueCustomerId()), now())).statusCode())
			.isEqualTo(202);
		assertThat(send(signed(2, "POST", IngestHttp.FEEDBACK, body(Feedbacks.uniqueCustomerId()), now())).statusCode())
			.isEqualTo(202);

		assertProblem(send(signed(3, "POST", IngestHttp.FEEDBACK, body(Feedbacks.uniqueCustomerId()), now())), 401,
				"signature-invalid");
	}

	@Test
	void aBodyChangedAfterSigningIsRefusedAndNothingIsPublished() {
		String signedCustomer = Feedbacks.uniqueCustomerId();
		String sentCustomer = Feedbacks.uniqueCustomerId();
		List<String> headers = signatureHeaders(secret(1), "POST", IngestHttp.FEEDBACK, null, body(signedCustomer),
				now());

		HttpResponse<String> response = send(post(IngestHttp.FEEDBACK, body(sentCustomer), headers));

		assertProblem(response, 401, "signature-invalid");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("HMAC-SHA256"));
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), sentCustomer)).isEmpty();
	}

	@Test
	void aSignatureIsBoundToMethodAndPath() {
		List<String> forBatch = signatureHeaders(secret(1), "POST", IngestHttp.BATCH, null, body("c-1"), now());

		assertProblem(send(post(IngestHttp.FEEDBACK, body("c-1"), forBatch)), 401, "signature-invalid");
	}

	@Test
	void timestampsOutsideFiveMinutesAreRefusedAsExpired() {
		String customerId = Feedbacks.uniqueCustomerId();
		long sixMinutes = 6 * 60;

		HttpResponse<String> old = send(signed(1, "POST", IngestHttp.FEEDBACK, body(customerId), now() - sixMinutes));
		HttpResponse<String> future = send(
				signed(1, "POST", IngestHttp.FEEDBACK, body(customerId), now() + sixMinutes));

		assertProblem(old, 401, "signature-expired");
		assertProblem(future, 401, "signature-expired");
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).isEmpty();
		// Four minutes off is inside the window.
		assertThat(send(signed(1, "POST", IngestHttp.FEEDBACK, body(customerId), now() - 240)).statusCode())
			.isEqualTo(202);
	}

	@Test
	void aReplayInsideTheWindowMakesNoSecondRecord() {
		String customerId = Feedbacks.uniqueCustomerId();
		HttpRequest request = signed(1, "POST", IngestHttp.FEEDBACK, body(customerId), now());

		HttpResponse<String> first = send(request);
		HttpResponse<String> replay = send(request);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(IngestHttp.json(replay).path("feedbackId").asString())
			.isEqualTo(IngestHttp.json(first).path("feedbackId").asString());
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
	}

	@Test
	void aReplayWithAnotherOrNoIdempotencyKeyIsRefusedAndMakesNoSecondRecord() {
		String customerId = Feedbacks.uniqueCustomerId();
		String body = body(customerId);
		String key = UUID.randomUUID().toString();
		List<String> headers = signatureHeaders(secret(1), "POST", IngestHttp.FEEDBACK, key, body, now());

		HttpResponse<String> first = send(post(IngestHttp.FEEDBACK, body, headers));
		HttpResponse<String> otherKey = send(post(IngestHttp.FEEDBACK, body,
				replace(headers, RequestSignatures.IDEMPOTENCY_KEY, UUID.randomUUID().toString())));
		HttpResponse<String> noKey = send(post(IngestHttp.FEEDBACK, body, headers.subList(0, 6)));

		// the signed key first and another after it: a request that names two keys is refused, whichever is read
		List<String> twoKeys = new ArrayList<>(headers);
		twoKeys.addAll(List.of(RequestSignatures.IDEMPOTENCY_KEY, UUID.randomUUID().toString()));
		HttpResponse<String> secondKey = send(post(IngestHttp.FEEDBACK, body, twoKeys));

		assertThat(first.statusCode()).isEqualTo(202);
		assertProblem(otherKey, 401, "signature-invalid");
		assertProblem(noKey, 401, "signature-invalid");
		assertProblem(secondKey, 400, "validation-failed");
		assertThat(IngestHttp.json(secondKey).path("errors").get(0).path("field").asString())
			.isEqualTo(RequestSignatures.IDEMPOTENCY_KEY);
		assertThat(TestKafka.readAllByKey(Topics.FEEDBACK_INTAKE.name(), customerId)).hasSize(1);
		// The same key again is a replay of the first: the original id, no second record.
		HttpResponse<String> replay = send(post(IngestHttp.FEEDBACK, body, headers));
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(IngestHttp.json(replay).path("feedbackId").asString())
			.isEqualTo(IngestHttp.json(first).path("feedbackId").asString());
	}

	@Test
	void unknownClientsAndMalformedHeadersAreRefused() {
		String body = body("c-1");
		long now = now();
		List<String> good = signatureHeaders(secret(1), "POST", IngestHttp.FEEDBACK, null, body, now);

		assertProblem(send(post(IngestHttp.FEEDBACK, body, replace(good, RequestSignatures.CLIENT_ID, "all"))), 401,
				"signature-invalid");
		assertProblem(send(post(IngestHttp.FEEDBACK, body, replace(good, RequestSignatures.SIGNATURE, "v1=zz"))), 401,
				"signature-invalid");
		assertProblem(send(post(IngestHttp.FEEDBACK, body, replace(good, RequestSignatures.TIMESTAMP, "yesterday"))),
				401, "signature-invalid");
		List<String> withKey = new ArrayList<>(good);
		withKey.addAll(List.of("X-Api-Key", TestClients.ALL_CHANNELS_KEY));
		assertProblem(send(post(IngestHttp.FEEDBACK, body, withKey)), 401, "signature-invalid");
	}

	@Test
	void aSignedRequestToAPathSpelledOtherwiseIsRefusedNotAnError() {
		String body = body(Feedbacks.uniqueCustomerId());
		// Spring maps /api;x/v1/feedback to the feedback endpoint; its body must be buffered for the signature too
		List<String> headers = signatureHeaders(secret(1), "POST", IngestHttp.FEEDBACK, null, body, now());

		assertProblem(send(post("/api;x/v1/feedback", body, headers)), 401, "signature-invalid");
	}

	@Test
	void aSignedClientMayPostOnlyForItsChannels() {
		Map<String, Object> phone = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		phone.put("channel", "phone");

		assertProblem(send(signed(1, "POST", IngestHttp.FEEDBACK, Feedbacks.json(phone), now())), 403,
				"channel-not-allowed");
	}

	@Test
	void aSignedBodyOverTheLimitIs413() {
		Map<String, Object> large = Feedbacks.valid(Feedbacks.uniqueCustomerId());
		large.put("text", "x".repeat(70_000));

		assertProblem(send(signed(1, "POST", IngestHttp.FEEDBACK, Feedbacks.json(large), now())), 413,
				"payload-too-large");
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	private static String body(String customerId) {
		Map<String, Object> record = Feedbacks.valid(customerId);
		return Feedbacks.json(record);
	}

	private static String secret(int generation) {
		return RequestSignatures.deriveSecret(TestClients.HMAC_MASTER_KEY, TestClients.SIGNER, generation);
	}

	private HttpRequest signed(int generation, String method, String path, String body, long timestamp) {
		List<String> headers = signatureHeaders(secret(generation), method, path, null, body, timestamp);
		if ("GET".equals(method)) {
			return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(30))
				.headers(headers.toArray(String[]::new))
				.GET()
				.build();
		}
		return post(path, body, headers);
	}

	/** The signature headers, and the {@code Idempotency-Key} header when one is given. */
	private static List<String> signatureHeaders(String secret, String method, String path,
			@Nullable String idempotencyKey, String body, long timestamp) {
		String time = Long.toString(timestamp);
		List<String> headers = new ArrayList<>(List.of(RequestSignatures.CLIENT_ID, TestClients.SIGNER,
				RequestSignatures.TIMESTAMP, time, RequestSignatures.SIGNATURE, RequestSignatures.sign(secret, time,
						method, path, idempotencyKey, body.getBytes(StandardCharsets.UTF_8))));
		if (idempotencyKey != null) {
			headers.addAll(List.of(RequestSignatures.IDEMPOTENCY_KEY, idempotencyKey));
		}
		return headers;
	}

	private static List<String> replace(List<String> headers, String name, String value) {
		List<String> replaced = new ArrayList<>(headers);
		replaced.set(replaced.indexOf(name) + 1, value);
		return replaced;
	}

	private HttpRequest post(String path, String body, List<String> headers) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.headers(headers.toArray(String[]::new))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status, String kind) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(IngestHttp.contentType(response)).startsWith("application/problem+json");
		JsonNode problem = IngestHttp.json(response);
		assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + kind);
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

}
