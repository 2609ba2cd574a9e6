package io.feedbackloop.notification.channel.email;

import java.time.Clock;
import java.util.Map;

import io.feedbackloop.local.Ports;
import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.PermanentDeliveryException;
import io.feedbackloop.notification.channel.TemporaryDeliveryException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmailSenderTests {

	@Test
	void smtpServerThatCannotBeReachedIsATemporaryFailure() throws Exception {
		EmailSender sender = sender(Ports.free());
		assertThatExceptionOfType(TemporaryDeliveryException.class)
			.isThrownBy(() -> sender.send(message("ann@example.com")))
			.withMessageContaining("SMTP server not reachable");
	}

	@Test
	void invalidAddressIsAPermanentFailureThatDoesNotRepeatTheAddress() throws Exception {
		EmailSender sender = sender(Ports.free());
		assertThatExceptionOfType(PermanentDeliveryException.class)
			.isThrownBy(() -> sender.send(message("ann at example dot com")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo("invalid-address");
				assertThat(ex.reason()).doesNotContain("ann");
			});
	}

	private static EmailSender sender(int port) throws Exception {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(port);
		mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		return new EmailSender(mail, new InternetAddress("Customer Care <care@feedbackloop.local>"), Clock.systemUTC());
	}

	private static OutgoingMessage message(String to) {
		return new OutgoingMessage("delivery-1", "acknowledgement", to, "Subject", "Text", "<p>Text</p>", Map.of());
	}

}
