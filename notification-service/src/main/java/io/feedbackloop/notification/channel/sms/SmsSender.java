package io.feedbackloop.notification.channel.sms;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.feedbackloop.notification.channel.ChannelSender;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.PermanentDeliveryException;
import io.feedbackloop.notification.channel.Recipients;
import io.feedbackloop.notification.channel.TemporaryDeliveryException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends an SMS through the gateway: {@code POST /v1/messages {to, text, reference}} answered by
 * {@code 201 {messageId}}. The delivery id goes along as {@code reference}, so that the gateway can
 * drop a message it already accepted when a crash made us send it again.
 */
public class SmsSender implements ChannelSender {

	// Refusals of the message itself. 401/403 (our credentials), 408 and 429 (slow down) are ours or
	// passing, so they are retried like a 5xx.
	private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(401, 403, 408, 429);

	private static final int MAX_REASON_LENGTH = 200;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	SmsSender(RestClient client) {
		this.client = client;
	}

	@Override
	public ChannelType type() {
		return ChannelType.SMS;
	}

	@Override
	public String send(OutgoingMessage message) {
		GatewayAnswer answer;
		try {
			answer = this.client.post()
				.uri("/v1/messages")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(new GatewayRequest(message.recipient(), message.text(), message.deliveryId()))
				.retrieve()
				.body(GatewayAnswer.class);
		}
		catch (HttpStatusCodeException ex) {
			int status = ex.getStatusCode().value();
			if (ex.getStatusCode().is4xxClientError() && !RETRYABLE_CLIENT_ERRORS.contains(status)) {
				throw new PermanentDeliveryException("rejected",
						"SMS gateway refused the message (" + status + "): " + errorOf(ex));
			}
			throw new TemporaryDeliveryException("SMS gateway answered " + status + ": " + errorOf(ex), ex);
		}
		catch (ResourceAccessException ex) {
			throw new TemporaryDeliveryException("SMS gateway not reachable: " + describe(ex), ex);
		}
		catch (RestClientException ex) {
			throw new TemporaryDeliveryException("SMS gateway answer not readable: " + describe(ex), ex);
		}
		if (answer == null || answer.messageId() == null || answer.messageId().isBlank()) {
			// Possibly accepted; sending again is safe because the reference lets the gateway dedupe.
			throw new TemporaryDeliveryException("SMS gateway accepted the request without a messageId");
		}
		return answer.messageId();
	}

	private static String describe(RestClientException ex) {
		return Recipients.redact(String.valueOf(ex.getMessage()));
	}

	private static String errorOf(HttpStatusCodeException ex) {
		String body = ex.getResponseBodyAsString();
		String error;
		try {
			JsonNode node = JSON.readTree(body);
			error = (node != null && node.path("error").isString()) ? node.path("error").asString() : body;
		}
		catch (JacksonException notJson) {
			error = body;
		}
		if (error.isBlank()) {
			error = ex.getStatusText();
		}
		error = Recipients.redact(error);
		return (error.length() > MAX_REASON_LENGTH) ? error.substring(0, MAX_REASON_LENGTH) + "…" : error;
	}

	record GatewayRequest(String to, String text, String reference) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GatewayAnswer(@Nullable String messageId) {

	}

}
