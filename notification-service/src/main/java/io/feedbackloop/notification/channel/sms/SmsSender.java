package io.feedbackloop.notification.channel.sms;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 * Sends an SMS through the gateway: {@code POST /v1/messages {to, text, reference}} answered by
 * {@code 201 {messageId}}. The delivery id goes along as {@code reference}, so that the gateway can
 * drop a message it already accepted when a crash made us send it again.
 */
public class SmsSender implements ChannelSender {

	static final String PROVIDER = "SMS gateway";

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
		catch (RestClientException ex) {
			throw HttpProviders.failure(PROVIDER, ex);
		}
		if (answer == null || answer.messageId() == null || answer.messageId().isBlank()) {
			// Possibly accepted; sending again is safe because the reference lets the gateway dedupe.
			throw new TemporaryDeliveryException("SMS gateway accepted the request without a messageId");
		}
		return answer.messageId();
	}

	record GatewayRequest(String to, String text, String reference) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record GatewayAnswer(@Nullable String messageId) {

	}

}
