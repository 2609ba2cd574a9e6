package io.feedbackloop.notification.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientsTests {

	@Test
	void phoneNumbersKeepTheirCountryCodeAndLastFourDigits() {
		assertThat(Recipients.mask("+8613800138000")).isEqualTo("+86*******8000");
		assertThat(Recipients.mask("12345")).isEqualTo("*****");
	}

	@Test
	void emailAddressesKeepTheirFirstLetterAndDomain() {
		assertThat(Recipients.mask("wang.li@example.com")).isEqualTo("w***@example.com");
	}

	@Test
	void recipientsPrintMasked() {
		assertThat(new Recipient(ChannelType.SMS, "+8613800138000")).hasToString("sms:+86*******8000");
	}

	@Test
	void providerErrorTextsLoseTheAddressesTheyRepeat() {
		assertThat(Recipients.redact("452 4.2.2 <wang.li@example.com> mailbox full; also +8613800138000 at 16:30"))
			.isEqualTo("452 4.2.2 <w***@example.com> mailbox full; also +86*******8000 at 16:30");
		// an HTTP client's connection error repeats the webhook URL, whose path is often its token
		assertThat(Recipients.redact("I/O error on POST request for \"https://hooks.example.com/T0A1/B2C3/xoxb-secret\": "
				+ "Connection refused")).isEqualTo("I/O error on POST request for \"https://hooks.example.com/…\": "
						+ "Connection refused");
	}

}
