package io.feedbackloop.notification.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

	@Test
	void aMessageTheServerRefusesAfterItsDataIsAPermanentFailureAndADeferralOrTheSendersSetUpATemporaryOne()
			throws Exception {
		try (ScriptedSmtpServer refusing = ScriptedSmtpServer.answeringData("554 5.7.1 Message rejected as spam");
				ScriptedSmtpServer deferring = ScriptedSmtpServer.answeringData("451 4.3.0 Try again later");
				ScriptedSmtpServer unauthenticated = ScriptedSmtpServer
					.answeringData("550 5.7.26 This message does not pass authentication checks (DMARC)");
				ScriptedSmtpServer unverified = ScriptedSmtpServer
					.answeringData("554 Message rejected: Email address is not verified.")) {
			assertThatExceptionOfType(PermanentDeliveryException.class)
				.isThrownBy(() -> sender(refusing.port()).send(message("ann@example.com")))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo("rejected");
					assertThat(ex.reason()).isEqualTo("the SMTP server refused the message (554)");
				});
			assertThatExceptionOfType(TemporaryDeliveryException.class)
				.isThrownBy(() -> sender(deferring.port()).send(message("ann@example.com")))
				.withMessageContaining("did not accept the message");
			// every message is refused until the sender's DKIM or DMARC is mended: retried, not given up
			assertThatExceptionOfType(TemporaryDeliveryException.class)
				.isThrownBy(() -> sender(unauthenticated.port()).send(message("ann@example.com")))
				.withMessageContaining("did not accept the message");
			// no enhanced status to say the message is at fault: a relay refusing the sender, retried
			assertThatExceptionOfType(TemporaryDeliveryException.class)
				.isThrownBy(() -> sender(unverified.port()).send(message("ann@example.com")))
				.withMessageContaining("did not accept the message");
		}
	}

	/**
	 * An SMTP server on a real socket that takes the sender and recipient, reads the message and answers its
	 * end with the given line: the refusals a relay gives after the data, which the local mail server never does.
	 */
	private static final class ScriptedSmtpServer implements AutoCloseable {

		private final ServerSocket socket;

		private final Thread thread;

		private ScriptedSmtpServer(ServerSocket socket, String endOfData) {
			this.socket = socket;
			this.thread = new Thread(() -> serve(endOfData), "scripted-smtp");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		static ScriptedSmtpServer answeringData(String endOfData) throws IOException {
			return new ScriptedSmtpServer(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()), endOfData);
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void serve(String endOfData) {
			while (!this.socket.isClosed()) {
				try (Socket client = this.socket.accept();
						BufferedReader in = new BufferedReader(
								new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
						Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
					reply(out, "220 scripted ESMTP");
					boolean data = false;
					for (String line = in.readLine(); line != null; line = in.readLine()) {
						if (data) {
							if (line.equals(".")) {
								data = false;
								reply(out, endOfData);
							}
						}
						else if (line.startsWith("EHLO") || line.startsWith("HELO")) {
							reply(out, "250 scripted");
						}
						else if (line.startsWith("DATA")) {
							data = true;
							reply(out, "354 go ahead");
						}
						else if (line.startsWith("QUIT")) {
							reply(out, "221 bye");
							break;
						}
						else {
							reply(out, "250 ok");
						}
					}
				}
				catch (IOException ex) {
					// closed, or the client went away: next connection
				}
			}
		}

		private static void reply(Writer out, String line) throws IOException {
			out.write(line + "\r\n");
			out.flush();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			this.thread.interrupt();
		}

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
