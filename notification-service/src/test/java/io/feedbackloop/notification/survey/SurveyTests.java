package io.feedbackloop.notification.survey;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.feedbackloop.contracts.CaseStatus;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import io.feedbackloop.notification.RecordingHttpServer;
import io.feedbackloop.notification.TestChannels;
import io.feedbackloop.notification.TestClock;
import io.feedbackloop.notification.delivery.Audience;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The satisfaction survey of the closing confirmation, as a customer uses it: the link from the SMS,
 * the page, the answer; and the answer arriving at feedback-ingest (a real local HTTP server here)
 * as feedback, once, through an outage of feedback-ingest.
 */
class SurveyTests extends NotificationServiceTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant CLOSED_AT = TestClock.DAYTIME.minus(Duration.ofMinutes(5));

	@LocalServerPort
	int port;

	@AfterEach
	void restore() {
		ingest().recover();
		this.clock.reset();
	}

	@Test
	void customerAnswersTheClosingSurveyOnceAndTheScoreComesBackAsFeedback() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = closed(new Contact("王女士", phone, "wang@example.com"), "zh");
		String link = surveyLink(phone, complaint);

		Answer page = get(link);
		assertThat(page.status().value()).isEqualTo(200);
		assertThat(page.contentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.body()).contains("您的投诉（编号 <strong>" + complaint.caseId() + "</strong>）已办结")
			.contains("<form method=\"post\">")
			.contains("name=\"score\" value=\"5\"");

		Answer thanks = postForm(link, "score=4");
		assertThat(thanks.status().value()).isEqualTo(200);
		assertThat(thanks.body()).contains("评分：4 分");

		RecordingHttpServer.Request feedback = await().atMost(TIMEOUT)
			.until(() -> feedbackFor(complaint), (found) -> !found.isEmpty())
			.get(0);
		assertThat(feedback.method()).isEqualTo("POST");
		assertThat(feedback.path()).isEqualTo("/api/v1/feedback");
		assertThat(feedback.header("X-Api-Key")).isEqualTo(INGEST_API_KEY);
		JsonNode body = JSON.readTree(feedback.body());
		String channelRecordId = body.get("channelRecordId").asString();
		assertThat(channelRecordId).startsWith("survey-");
		assertThat(feedback.header("Idempotency-Key")).isEqualTo(channelRecordId);
		assertThat(body.get("channel").asString()).isEqualTo("web");
		assertThat(body.get("language").asString()).isEqualTo("zh");
		assertThat(body.get("text").asString()).isEqualTo("满意度回访评分：4/5 分（编号 " + complaint.caseId() + " 的处理）");
		assertThat(body.get("customer").get("id").asString()).isEqualTo(complaint.customerId().value());
		assertThat(body.get("customer").get("phone").asString()).isEqualTo(phone);
		assertThat(body.get("customer").get("email").asString()).isEqualTo("wang@example.com");
		assertThat(Instant.parse(body.get("occurredAt").asString())).isAfterOrEqualTo(TestClock.DAYTIME);
		assertThat(body.get("metadata").get("surveyType").asString()).isEqualTo("csat");
		assertThat(body.get("metadata").get("score").asInt()).isEqualTo(4);
		assertThat(body.get("metadata").get("caseId").asString()).isEqualTo(complaint.caseId().value());

		// A second answer (another click, another device) changes nothing: the first one counts.
		Answer again = postForm(link, "score=1");
		assertThat(again.body()).contains("评分：4 分");
		Delivery forwarded = awaitSystemDelivery(complaint);
		assertThat(forwarded.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(forwarded.providerMessageId()).startsWith("fb-");
		assertThat(feedbackFor(complaint)).hasSize(1);
		assertThat(get(link).body()).contains("评分：4 分");
	}

	@Test
	void answerGivenWhileFeedbackIngestIsDownArrivesOnceAfterItRecovers() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = closed(new Contact("Ann", phone, null), "en");
		String link = surveyLink(phone, complaint);
		ingest().failWith(503);

		Answer answered = postJson(link, "{\"score\": 5}");
		assertThat(answered.status().value()).isEqualTo(200);
		JsonNode json = JSON.readTree(answered.body());
		assertThat(json.get("score").asInt()).isEqualTo(5);
		assertThat(json.get("type").asString()).isEqualTo("csat");
		assertThat(json.get("caseId").asString()).isEqualTo(complaint.caseId().value());
		await().atMost(TIMEOUT)
			.until(() -> systemDelivery(complaint).filter((d) -> d.attempts() >= 1).isPresent());
		assertThat(systemDelivery(complaint).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(feedbackFor(complaint)).isEmpty();

		ingest().recover();
		assertThat(awaitSystemDelivery(complaint).status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(feedbackFor(complaint)).singleElement()
			.satisfies((request) -> assertThat(JSON.readTree(request.body()).get("text").asString())
				.isEqualTo("Satisfaction survey score: 5 out of 5 for the handling of reference " + complaint.caseId()));
	}

	@Test
	void answerMetByRequestInProgressIsSentAgainAfterRetryAfter() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = closed(new Contact("Ann", phone, null), "en");
		String link = surveyLink(phone, complaint);
		// feedback-ingest: another request with this Idempotency-Key is being published; come back in 30 s.
		ingest().answerNext(complaint.caseId().value(), new RecordingHttpServer.Answer(409, problem("request-in-progress", 409),
				Map.of("Retry-After", "30")));

		assertThat(postJson(link, "{\"score\": 2}").status().value()).isEqualTo(200);
		Delivery waiting = await().atMost(TIMEOUT)
			.until(() -> systemDelivery(complaint), (found) -> found.isPresent() && found.get().attempts() >= 1)
			.orElseThrow();
		assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(waiting.reason()).contains("409");
		// Not called again at once (no quick retry), and not before the time feedback-ingest asked for.
		assertThat(waiting.attempts()).isEqualTo(1);
		assertThat(waiting.scheduledFor()).isAfterOrEqualTo(waiting.lastAttemptAt().plusSeconds(30));
		assertThat(refusedFor(complaint)).hasSize(1);
		assertThat(feedbackFor(complaint)).isEmpty();

		this.clock.setTo(this.clock.instant().plusSeconds(31));
		Delivery sent = awaitSystemDelivery(complaint);
		assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
		assertThat(feedbackFor(complaint)).singleElement()
			.satisfies((request) -> assertThat(request.header("Idempotency-Key"))
				.isEqualTo(refusedFor(complaint).get(0).header("Idempotency-Key")));
	}

	@Test
	void answerWhoseIdempotencyKeyWasUsedForOtherContentFailsForGood() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = closed(new Contact("Ann", phone, null), "en");
		String link = surveyLink(phone, complaint);
		ingest().answerNext(complaint.caseId().value(), new RecordingHttpServer.Answer(409, problem("idempotency-key-reused", 409), Map.of()));

		assertThat(postJson(link, "{\"score\": 3}").status().value()).isEqualTo(200);
		Delivery failed = awaitSystemDelivery(complaint);
		assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(failed.reason()).contains("409");
		assertThat(refusedFor(complaint)).hasSize(1);
		assertThat(feedbackFor(complaint)).isEmpty();
	}

	@Test
	void forgedLinksBadScoresAndExpiredSurveysAreProblems() {
		String phone = Complaints.phone();
		ComplaintRouted complaint = closed(new Contact("Ann", phone, null), "en");
		String link = surveyLink(phone, complaint);
		String token = link.substring(link.lastIndexOf('/') + 1);
		String forged = token.substring(0, token.indexOf('.') + 1) + "AAAAAAAAAAAAAAAA";

		Answer notFound = get(link.replace(token, forged));
		assertThat(notFound.status().value()).isEqualTo(404);
		assertThat(notFound.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(JSON.readTree(notFound.body()).get("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/survey-not-found");

		Answer badScore = postForm(link, "score=9");
		assertThat(badScore.status().value()).isEqualTo(400);
		JsonNode problem = JSON.readTree(badScore.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://feedbackloop.io/problems/validation-failed");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("score");

		this.clock.setTo(CLOSED_AT.plus(Duration.ofDays(31)));
		Answer expired = postForm(link, "score=3");
		assertThat(expired.status().value()).isEqualTo(410);
		assertThat(JSON.readTree(expired.body()).get("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/survey-expired");
		assertThat(get(link).status().value()).isEqualTo(410);
		assertThat(systemDelivery(complaint)).isEmpty();
	}

	/** A complaint routed and closed; its closing SMS sent. */
	private ComplaintRouted closed(Contact contact, String language) {
		ComplaintRouted complaint = Complaints.routed(Channel.PHONE, language, contact);
		TestKafka.send(Complaints.event(complaint));
		TestKafka.send(Complaints.statusChanged(complaint, CaseStatus.REMEDY_CARRIED_OUT, CaseStatus.CLOSED, 8, null,
				CLOSED_AT));
		assertThat(awaitFinal(complaint.caseId().value(), "closing").status()).isEqualTo(DeliveryStatus.SENT);
		return complaint;
	}

	/** The survey link of the closing SMS, pointed at this test's server. */
	private String surveyLink(String phone, ComplaintRouted complaint) {
		String text = smsTo(phone).stream()
			.map((sms) -> sms.text())
			.filter((t) -> t.contains("/survey/"))
			.findFirst()
			.orElseThrow();
		String link = text.substring(text.indexOf("https://care.example.test/survey/"));
		assertThat(link).matches("https://care\\.example\\.test/survey/[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{16}");
		return link.replace("https://care.example.test", "http://127.0.0.1:" + this.port);
	}

	private Delivery awaitSystemDelivery(ComplaintRouted complaint) {
		return await().atMost(TIMEOUT)
			.until(() -> systemDelivery(complaint), (found) -> found.isPresent() && found.get().status().isFinal())
			.orElseThrow();
	}

	private Optional<Delivery> systemDelivery(ComplaintRouted complaint) {
		return this.deliveries.findBy(complaint.caseId().value(), null, Audience.SYSTEM).stream().findFirst();
	}

	private static List<RecordingHttpServer.Request> feedbackFor(ComplaintRouted complaint) {
		return ingest().accepted().stream().filter((r) -> r.bodyText().contains(complaint.caseId().value())).toList();
	}

	private static List<RecordingHttpServer.Request> refusedFor(ComplaintRouted complaint) {
		return ingest().refused().stream().filter((r) -> r.bodyText().contains(complaint.caseId().value())).toList();
	}

	/** A problem+json answer of feedback-ingest. */
	private static String problem(String kind, int status) {
		return "{\"type\":\"https://feedbackloop.io/problems/" + kind + "\",\"title\":\"" + kind
				+ "\",\"status\":" + status + ",\"detail\":\"" + kind + "\"}";
	}

	private static RecordingHttpServer ingest() {
		return TestChannels.ingest();
	}

	private static Answer get(String url) {
		return RestClient.create().get().uri(URI.create(url)).exchange((request, response) -> answer(response));
	}

	private static Answer postForm(String url, String form) {
		return post(url, MediaType.APPLICATION_FORM_URLENCODED, form);
	}

	private static Answer postJson(String url, String json) {
		return post(url, MediaType.APPLICATION_JSON, json);
	}

	private static Answer post(String url, MediaType type, String body) {
		return RestClient.create()
			.post()
			.uri(URI.create(url))
			.contentType(type)
			.body(body)
			.exchange((request, response) -> answer(response));
	}

	private static Answer answer(ClientHttpResponse response) throws IOException {
		return new Answer(response.getStatusCode(), response.getHeaders().getContentType(),
				new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
	}

	record Answer(HttpStatusCode status, MediaType contentType, String body) {

	}

}
