package io.feedbackloop.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.feedbackloop.local.MailServer;
import io.feedbackloop.local.Ports;
import io.feedbackloop.local.SmsGateway;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * The real SMTP server (GreenMail), SMS gateway, staff webhook receiver and stand-in for
 * feedback-ingest of this test JVM, started once on free ports and shared like the broker and the
 * database, so that every test class shares one Spring context.
 */
public final class TestChannels {

	private static @Nullable MailServer mail;

	private static @Nullable SmsGateway sms;

	private static @Nullable RecordingHttpServer webhook;

	private static @Nullable RecordingHttpServer ingest;

	private TestChannels() {
	}

	public static synchronized MailServer mail() {
		if (mail == null) {
			MailServer started = MailServer.start(Ports.free(), Ports.free());
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-mail-server-shutdown"));
			mail = started;
		}
		return mail;
	}

	public static synchronized SmsGateway sms() {
		if (sms == null) {
			try {
				SmsGateway started = SmsGateway.start(Ports.free());
				Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-sms-gateway-shutdown"));
				sms = started;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return sms;
	}

	/** The staff system of the test department {@code billing}. */
	public static synchronized RecordingHttpServer webhook() {
		if (webhook == null) {
			webhook = started("test-webhook-shutdown");
		}
		return webhook;
	}

	public static synchronized RecordingHttpServer ingest() {
		if (ingest == null) {
			ingest = started("test-ingest-shutdown");
		}
		return ingest;
	}

	/** The messages the SMTP server received for an address. */
	public static List<MimeMessage> mailsTo(String email) {
		return Arrays.stream(mail().greenMail().getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients())
					.anyMatch((address) -> email.equals(((InternetAddress) address).getAddress()));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** The decoded text parts of a message by content type, however deeply nested. */
	public static Map<String, String> parts(Part part) throws MessagingException, IOException {
		Map<String, String> found = new HashMap<>();
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				found.putAll(parts(multipart.getBodyPart(i)));
			}
		}
		else if (content instanceof String text) {
			found.put(part.getContentType().split(";")[0].trim().toLowerCase(Locale.ROOT), text);
		}
		return found;
	}

	private static RecordingHttpServer started(String name) {
		RecordingHttpServer started = RecordingHttpServer.start();
		Runtime.getRuntime().addShutdownHook(new Thread(started::close, name));
		return started;
	}

}
