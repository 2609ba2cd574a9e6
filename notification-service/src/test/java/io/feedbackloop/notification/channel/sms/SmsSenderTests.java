package io.feedbackloop.notification.channel.sms;

import java.io.IOException;
import java.util.Map;

import io.feedbackloop.local.Ports;
import io.feedbackloop.local.SmsGateway;
import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.PermanentDeliveryException;
import io.feedbackloop.notification.channel.TemporaryDeliveryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Against a real SMS gateway of its own, so that its outages disturb no other test. */
class SmsSenderTests {

	private static SmsGateway gateway;

	@BeforeAll
	static void startGateway() throws IOException {
		gateway = SmsGateway.start(Ports.free());
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
	}

	@AfterEach
	void restore() {
		gateway.setAvailable(true);
	}

	@Test
	void acceptedMessageReturnsTheGatewaysIdAndCarriesTheDeliveryIdAsReference() {
		String id = sender(gateway.baseUrl()).send(message("+8613800138000"));

		assertThat(gateway.accepted()).filteredOn((sms) -> sms.messageId().equals(id))
			.singleElement()
			.satisfies((sms) -> {
				assertThat(sms.reference()).isEqualTo("delivery-1");
				assertThat(sms.to()).isEqualTo("+8613800138000");
				assertThat(sms.text()).isEqualTo("您的投诉已受理");
			});
	}

	@Test
	void numberTheGatewayRefusesIsAPermanentFailureWithItsReason() {
		assertThatExceptionOfType(PermanentDeliveryException.class)
			.isThrownBy(() -> sender(gateway.baseUrl()).send(message("13800138000")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo("rejected");
				assertThat(ex.reason()).isEqualTo("SMS gateway refused the message (400): 'to' is not an E.164 number");
			});
	}

	@Test
	void gatewayOutageIsATemporaryFailure() {
		gateway.setAvailable(false);
		assertThatExceptionOfType(TemporaryDeliveryException.class)
			.isThrownBy(() -> sender(gateway.baseUrl()).send(message("+8613800138000")))
			.withMessageContaining("503");
	}

	@Test
	void gatewayThatCannotBeReachedIsATemporaryFailure() {
		assertThatExceptionOfType(TemporaryDeliveryException.class)
			.isThrownBy(() -> sender("http://127.0.0.1:" + Ports.free()).send(message("+8613800138000")))
			.withMessageContaining("not reachable");
	}

	private static SmsSender sender(String baseUrl) {
		return new SmsSender(RestClient.builder().baseUrl(baseUrl).build());
	}

	private static OutgoingMessage message(String to) {
		return new OutgoingMessage("delivery-1", "acknowledgement", to, "subject", "您的投诉已受理", null, Map.of());
	}

}
