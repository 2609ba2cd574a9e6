package io.feedbackloop.notification.channel.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.feedbackloop.notification.channel.ChannelSender;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.HttpProviders;
import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.PermanentDeliveryException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls a staff system's webhook: {@code POST <url>} with a JSON body ({@code id}, {@code type},
 * {@code subject}, {@code text} and the notice's {@code data}), signed with the URL's secret (see
 * {@link WebhookSignature}). Any 2xx is acceptance. The delivery id travels in the body and in
 * {@code X-Feedbackloop-Delivery-Id}, so that the receiver can drop a repeat.
 */
public class WebhookSender implements ChannelSender {

	public static final String DELIVERY_ID_HEADER = "X-Feedbackloop-Delivery-Id";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final RestClient client;

	private final WebhookSecrets secrets;

	private final Clock clock;

	WebhookSender(RestClient client, WebhookSecrets secrets, Clock clock) {
		this.client = client;
		this.secrets = secrets;
		this.clock = clock;
	}

	@Override
	public ChannelType type() {
		return ChannelType.WEBHOOK;
	}

	@Override
	public String send(OutgoingMessage message) {
		String secret = this.secrets.secretFor(message.recipient())
			.orElseThrow(() -> new PermanentDeliveryException("rejected", "no secret is configured for the webhook"));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", message.deliveryId());
		payload.put("type", message.template());
		payload.put("subject", message.subject());
		payload.put("text", message.text());
		payload.put("data", message.data());
		byte[] body = JSON.writeValueAsBytes(payload);
		try {
			this.client.post()
				.uri(message.recipient())
				.contentType(MediaType.APPLICATION_JSON)
				.header(DELIVERY_ID_HEADER, message.deliveryId())
				.header(WebhookSignature.HEADER, WebhookSignature.sign(secret, this.clock.instant(), body))
				.body(body)
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			throw HttpProviders.failure("webhook", ex);
		}
		// Staff systems give no id of their own; ours identifies the call.
		return message.deliveryId();
	}

}
