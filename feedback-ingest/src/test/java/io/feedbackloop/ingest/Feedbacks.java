package io.feedbackloop.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** Object mother for intake request bodies: a valid one, to be spoiled one field at a time. */
public final class Feedbacks {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Feedbacks() {
	}

	/** A customer id used by one test only, so that its records can be told apart in shared topics. */
	public static String uniqueCustomerId() {
		return "cust-" + UUID.randomUUID();
	}

	/** A valid submission from an SMS channel, as a mutable tree. */
	public static Map<String, Object> valid(String customerId) {
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("id", customerId);
		customer.put("name", "张伟");
		customer.put("phone", "+8613800138000");
		customer.put("email", "zhang.wei@example.com");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", "sms");
		body.put("channelRecordId", "sms-" + UUID.randomUUID());
		body.put("customer", customer);
		body.put("occurredAt", Instant.now().minus(Duration.ofHours(1)).toString());
		body.put("text", "家里5G信号很差，经常掉线。");
		return body;
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> customer(Map<String, Object> body) {
		return (Map<String, Object>) body.get("customer");
	}

	public static String json(Object body) {
		return JSON.writeValueAsString(body);
	}

}
