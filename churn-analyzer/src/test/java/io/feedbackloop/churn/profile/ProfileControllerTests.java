package io.feedbackloop.churn.profile;

import java.util.UUID;

import io.feedbackloop.churn.CustomerEvents;
import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.contracts.FeedbackReceived;
import io.feedbackloop.local.StaffApiClient;
import io.feedbackloop.local.StaffApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileControllerTests {

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

		Response response = get(customer.value());

		assertThat(response.status()).isEqualTo(HttpStatus.OK.value());
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
		JsonNode profile = response.json();
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
		Response response = get("cust-nobody-" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(HttpStatus.NOT_FOUND.value());
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("https://feedbackloop.io/problems/not-found");
		assertThat(problem.get("status").asInt()).isEqualTo(404);
		assertThat(problem.get("detail").asString()).startsWith("No profile for customer cust-nobody-");
		assertThat(response.body()).doesNotContain("Exception");
	}

	private Response get(String customerId) {
		return new StaffApiClient(this.port).get("/api/v1/customers/" + customerId, StaffApiClient.ANALYST);
	}

}
