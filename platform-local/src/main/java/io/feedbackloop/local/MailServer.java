package io.feedbackloop.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) that accepts every message, for the local run and the tests. Mail
 * it received can be read over IMAP (any user name, the password equal to it) or through
 * {@link #greenMail()} in tests.
 */
public final class MailServer implements AutoCloseable {

	private final GreenMail greenMail;

	private final int smtpPort;

	private MailServer(GreenMail greenMail, int smtpPort) {
		this.greenMail = greenMail;
		this.smtpPort = smtpPort;
	}

	public static MailServer start(int smtpPort, int imapPort) {
		GreenMail greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
				new ServerSetup(imapPort, "127.0.0.1", "imap") });
		greenMail.start();
		return new MailServer(greenMail, smtpPort);
	}

	public int smtpPort() {
		return this.smtpPort;
	}

	public GreenMail greenMail() {
		return this.greenMail;
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
