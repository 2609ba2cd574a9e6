package io.feedbackloop.notification.delivery;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import io.feedbackloop.local.TestKafka;
import io.feedbackloop.notification.Complaints;
import io.feedbackloop.notification.NotificationServiceTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryApiTests extends NotificationServiceTestSupport {

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

		Response byCase = get("/api/v1/deliveries?caseId=" + first.caseId().value());
		assertThat(byCase.status()).isEqualTo(200);
		assertThat(byCase.json().size()).isEqualTo(1);
		JsonNode delivery = byCase.json().get(0);
		assertThat(delivery.get("caseId").asString()).isEqualTo(first.caseId().value());
		assertThat(delivery.get("status").asString()).isEqualTo("sent");
		assertThat(delivery.get("channel").asString()).isEqualTo("sms");
		assertThat(delivery.get("recipient").asString()).isEqualTo(phone);
		assertThat(delivery.get("template").asString()).isEqualTo("acknowledgement");
		assertThat(delivery.get("providerMessageId").asString()).isNotBlank();
		assertThat(delivery.get("createdAt").asString()).endsWith("Z");

		Response byCustomer = get("/api/v1/deliveries?customerId=" + first.customerId().value());
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
			.until(() -> get("/api/v1/deliveries?caseId=" + complaint.caseId().value() + "&audience=staff").json(),
					(found) -> found.size() == 2);

		JsonNode customer = get("/api/v1/deliveries?caseId=" + complaint.caseId().value() + "&audience=customer").json();
		assertThat(customer.size()).isEqualTo(1);
		assertThat(customer.get(0).get("audience").asString()).isEqualTo("customer");
		assertThat(customer.get(0).get("template").asString()).isEqualTo("acknowledgement");
		assertThat(customer.get(0).get("lastAttemptAt").asString()).endsWith("Z");
		JsonNode all = get("/api/v1/deliveries?caseId=" + complaint.caseId().value()).json();
		assertThat(all.findValuesAsString("audience")).containsExactlyInAnyOrder("customer", "staff", "staff");

		Response unknown = get("/api/v1/deliveries?caseId=" + complaint.caseId().value() + "&audience=robots");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("errors").findValuesAsString("field")).containsExactly("audience");
	}

	@Test
	void listingWithoutCaseOrCustomerIsAProblem() {
		Response answer = get("/api/v1/deliveries");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.json().get("type").asString())
			.isEqualTo("https://feedbackloop.io/problems/validation-failed");
		assertThat(answer.json().get("status").asInt()).isEqualTo(400);
		assertThat(answer.json().get("errors").findValuesAsString("field")).containsExactly("caseId", "customerId");
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("trace");
	}

	/** As an agent checking that the customer got the answer. */
	private Response get(String path) {
		return new StaffApiClient(this.port).get(path, StaffApiClient.AGENT);
	}

}
