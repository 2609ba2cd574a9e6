package io.feedbackloop.churn.profile;

import java.util.UUID;

import io.feedbackloop.churn.ChurnApi;
import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackReceived;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileControllerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ProfileStore profiles;

	@LocalServerPort
	int port;

	@Test
	void knownCustomerGetsTheProfileAsJson() {
		CustomerId customer = CustomerEvents.newCustomer();
		FeedbackReceived feedback = CustomerEvents.feedback(customer, Channel.SMS);
		this.profiles.apply(customer, "e-received", ProfileChanges.received(feedback, ChurnProperties.defaults()));
		this.profiles.apply(customer, "e-classified",
				ProfileChanges.classified(CustomerEvents.classifiedAsComplaint(feedback, "billing").data()));
		this.profiles.apply(customer, "e-routed",
				ProfileChanges.routed(CustomerEvents.routed(feedback, "billing").data()));

		ResponseEntity<String> response = get(customer.value());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		JsonNode profile = JSON.readTree(response.getBody());
		assertThat(profile.get("customerId").asString()).isEqualTo(customer.value());
		assertThat(profile.get("contacts").asLong()).isEqualTo(1);
		assertThat(profile.get("contactsByChannel").get("sms").asLong()).isEqualTo(1);
		assertThat(profile.get("contactsByChannel").get("phone").asLong()).isZero();
		assertThat(profile.get("feedbackByKind").get("complaint").asLong()).isEqualTo(1);
		assertThat(profile.get("feedbackBySentiment").get("negative").asLong()).isEqualTo(1);
		assertThat(profile.get("complaintsByCategory").get("billing").asLong()).isEqualTo(1);
		assertThat(profile.get("openComplaints").asLong()).isEqualTo(1);
		assertThat(profile.get("lastContactAt").asString()).isEqualTo(CustomerEvents.RECEIVED_AT.toString());
		assertThat(profile.get("lastCaseId").asString()).isEqualTo(CustomerEvents.caseFor(feedback).value());
		assertThat(profile.has("appliedEventIds")).isFalse();
	}

	@Test
	void unknownCustomerIsANotFoundProblem() {
		ResponseEntity<String> response = get("cust-nobody-" + UUID.randomUUID());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.get("type").asString()).isEqualTo("https://feedbackloop.io/problems/not-found");
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(problem.get("detail").asString()).startsWith("No profile for customer cust-nobody-");
		assertThat(response.getBody()).doesNotContain("Exception");
	}

	private ResponseEntity<String> get(String customerId) {
		return ChurnApi.answer(ChurnApi.client(this.port, ChurnApi.ANALYST).get().uri("/api/v1/customers/{id}", customerId));
	}

}
