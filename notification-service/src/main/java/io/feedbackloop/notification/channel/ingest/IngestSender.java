package io.feedbackloop.notification.channel.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.notification.channel.ChannelSender;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.HttpProviders;
import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.TemporaryDeliveryException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Posts feedback to feedback-ingest on the customer's behalf ({@code POST /api/v1/feedback}), as a
 * channel system would: the message's text is the feedback's text, its data the customer
 * ({@code customerId}, {@code name}, {@code phone}, {@code email}), {@code channel},
 * {@code channelRecordId}, {@code occurredAt} and {@code language}. The channel record id goes along
 * as {@code Idempotency-Key}, so that posting again after a crash makes no second record. The
 * recipient is feedback-ingest's base URL; the answer's {@code feedbackId} is the provider's id.
 */
public class IngestSender implements ChannelSender {

	static final String PROVIDER = "feedback-ingest";

	private final RestClient client;

	private final IngestProperties properties;

	IngestSender(RestClient client, IngestProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	@Override
	public ChannelType type() {
		return ChannelType.INGEST;
	}

	@Override
	public String send(OutgoingMessage message) {
		Map<String, String> data = message.data();
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("id", data.get("customerId"));
		putPresent(customer, "name", data.get("name"));
		putPresent(customer, "phone", data.get("phone"));
		putPresent(customer, "email", data.get("email"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", data.get("channel"));
		body.put("channelRecordId", data.get("channelRecordId"));
		body.put("customer", customer);
		body.put("occurredAt", data.get("occurredAt"));
		body.put("text", message.text());
		body.put("language", data.get("language"));
		if (data.get("surveyType") != null && data.get("score") != null) {
			// the answer as data, not only in words: complaint-router classifies no survey answer (its text is a
			// template; "Satisfaction survey score: 5 out of 5" reads like a complaint), churn-analyzer keeps it
			body.put("metadata", Map.of(ChannelDetails.SURVEY_TYPE, data.get("surveyType"), ChannelDetails.SURVEY_SCORE,
					Integer.parseInt(data.get("score")), "caseId", String.valueOf(data.get("caseId"))));
		}
		Accepted answer;
		try {
			answer = this.client.post()
				.uri(message.recipient() + "/api/v1/feedback")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.headers((headers) -> {
					headers.set("Idempotency-Key", String.valueOf(data.get("channelRecordId")));
					if (!this.properties.apiKey().isBlank()) {
						headers.set(this.properties.apiKeyHeader(), this.properties.apiKey());
					}
				})
				.body(body)
				.retrieve()
				.body(Accepted.class);
		}
		catch (RestClientException ex) {
			throw HttpProviders.failure(PROVIDER, ex);
		}
		if (answer == null || answer.feedbackId() == null || answer.feedbackId().isBlank()) {
			throw new TemporaryDeliveryException("feedback-ingest answered without a feedbackId");
		}
		return answer.feedbackId();
	}

	private static void putPresent(Map<String, Object> map, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Accepted(@Nullable String feedbackId) {

	}

}
