package io.feedbackloop.notification;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.feedbackloop.local.MailServer;
import io.feedbackloop.local.Ports;
import io.feedbackloop.local.SmsGateway;
import org.jspecify.annotations.Nullable;

/**
 * The real SMTP server (GreenMail) and SMS gateway of this test JVM, started once on free ports and
 * shared like the broker and the database, so that every test class shares one Spring context.
 */
public final class TestChannels {

	private static @Nullable MailServer mail;

	private static @Nullable SmsGateway sms;

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

}
