package io.feedbackloop.notification.cases;

import java.util.Optional;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.Recipient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientChoiceTests {

	@ParameterizedTest(name = "{0} with phone={1}, email={2} -> {3} {4}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			PHONE | +8613800138000 | a@example.com | SMS   | +8613800138000
			SMS   | +8613800138000 | a@example.com | SMS   | +8613800138000
			WEB   | +8613800138000 | a@example.com | EMAIL | a@example.com
			APP   | +8613800138000 | a@example.com | EMAIL | a@example.com
			PHONE | -              | a@example.com | EMAIL | a@example.com
			SMS   | '  '           | a@example.com | EMAIL | a@example.com
			WEB   | +8613800138000 | -             | SMS   | +8613800138000
			APP   | +8613800138000 | ''            | SMS   | +8613800138000
			""")
	void answersOnTheChannelTheCustomerUsedWhereTheContactAllows(Channel origin, String phone, String email,
			ChannelType channel, String address) {
		assertThat(RecipientChoice.forComplaint(origin, new Contact("王女士", phone, email)))
			.contains(new Recipient(channel, address));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			PHONE | -   | -
			WEB   | ' ' | ''
			""")
	void noContactMeansNoRecipient(Channel origin, String phone, String email) {
		assertThat(RecipientChoice.forComplaint(origin, new Contact(null, phone, email))).isEqualTo(Optional.empty());
	}

}
