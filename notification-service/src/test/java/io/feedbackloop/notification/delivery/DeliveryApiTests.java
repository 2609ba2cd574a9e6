package io.feedbackloop.notification.delivery;

import java.nio.charset.StandardCharsets;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryApiTests extends NotificationServiceTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void deliveriesAreListedByCaseAndByCustomer() {
		String phone = Complaints.phone();
		ComplaintRouted first = Complaints.routed(Channel.SMS, "zh", new Contact("王女士", phone, null));
		ComplaintRouted second = Complaints.another(first);
		TestKafka.send(Complaints.event(first));
		TestKafka.send(Complaints.event(second));
		awaitFinal(first);
		awaitFinal(second);

		Answer byCase = get("/api/v1/deliveries?caseId={id}", first.caseId().value());
		assertThat(byCase.status().value()).isEqualTo(200);
		assertThat(byCase.json().size()).isEqualTo(1);
		JsonNode delivery = byCase.json().get(0);
		assertThat(delivery.get("caseId").asString()).isEqualTo(first.caseId().value());
		assertThat(delivery.get("status").asString()).isEqualTo("sent");
		assertThat(delivery.get("channel").asString()).isEqualTo("sms");
		assertThat(delivery.get("recipient").asString()).isEqualTo(phone);
		assertThat(delivery.get("template").asString()).isEqualTo("acknowledgement");
		assertThat(delivery.get("providerMessageId").asString()).isNotBlank();
		assertThat(delivery.get("createdAt").asString()).endsWith("Z");

		Answer byCustomer = get("/api/v1/deliveries?customerId={id}", first.customerId().value());
		assertThat(byCustomer.json().findValuesAsString("caseId")).containsExactlyInAnyOrder(first.caseId().value(),
				second.caseId().value());
	}

	@Test
	void deliveriesOfACaseAreListedByAudience() {
		ComplaintRouted complaint = Complaints.routed(Channel.WEB, "en",
				new Contact("Ann", null, Complaints.email()), "billing");
		TestKafka.send(Complaints.event(complaint));
		awaitFinal(complaint);
		await().atMost(TIMEOUT)
			.until(() -> get("/api/v1/deliveries?caseId={id}&audience=staff", complaint.caseId().value()).json(),
					(found) -> found.size() == 2);

		JsonNode customer = get("/api/v1/deliveries?caseId={id}&audience=customer", complaint.caseId().value()).json();
		assertThat(customer.size()).isEqualTo(1);
		assertThat(customer.get(0).get("audience").asString()).isEqualTo("customer");
		assertThat(customer.get(0).get("template").asString()).isEqualTo("acknowledgement");
		assertThat(customer.get(0).get("lastAttemptAt").asString()).endsWith("Z");
		JsonNode all = get("/api/v1/deliveries?caseId={id}", complaint.caseId().value()).json();
		assertThat(all.findValuesAsString("audience")).containsExactlyInAnyOrder("customer", "staff", "staff");

		Answer unknown = get("/api/v1/deliveries?caseId={id}&audience=robots", complaint.caseId().value());
		assertThat(unknown.status().value()).isEqualTo(400);
		assertThat(unknown.json().get("errors").findValuesAsString("field")).containsExactly("audience");
	}

	@Test
	void listingWithoutCaseOrCustomerIsAProblem() {
		Answer answer = get("/api/v1/deliveries");
		assertThat(answer.status().value()).isEqualTo(400);
		assertThat(answer.contentType()).isNotNull();
		assertThat(answer.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(answer.json().get("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/validation-failed");
		assertThat(answer.json().get("status").asInt()).isEqualTo(400);
		assertThat(answer.json().get("errors").findValuesAsString("field")).containsExactly("caseId", "customerId");
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("trace");
	}

	private Answer get(String uri, Object... variables) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri(uri, variables)
			.exchange((request, response) -> new Answer(response.getStatusCode(),
					response.getHeaders().getContentType(),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
	}

	record Answer(HttpStatusCode status, MediaType contentType, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
