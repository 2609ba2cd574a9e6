package io.feedbackloop.notification.channel.email;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.feedbackloop.notification.channel.ChannelSender;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.OutgoingMessage;
import io.feedbackloop.notification.channel.PermanentDeliveryException;
import io.feedbackloop.notification.channel.Recipients;
import io.feedbackloop.notification.channel.TemporaryDeliveryException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends e-mail over SMTP. SMTP gives no id for an accepted message, so the Message-ID is ours,
 * derived from the delivery id: the same delivery sent twice carries the same Message-ID, which
 * mail systems use to drop the copy.
 */
public class EmailSender implements ChannelSender {

	static final String DELIVERY_ID_HEADER = "X-Feedbackloop-Delivery-Id";

	private static final int MAX_CAUSES = 10;

	/** The command ending a message's data, as the SMTP client names it in its failures. */
	private static final String END_OF_DATA = ".";

	/** The reply code and the enhanced status's class, subject and detail: {@code 554 5.7.1 ...}. */
	private static final Pattern ENHANCED_STATUS = Pattern.compile("\\d{3}[ -]5\\.(\\d{1,3})\\.(\\d{1,3})\\b");

	private final JavaMailSender mailSender;

	private final InternetAddress from;

	private final Clock clock;

	EmailSender(JavaMailSender mailSender, InternetAddress from, Clock clock) {
		this.mailSender = mailSender;
		this.from = from;
		this.clock = clock;
	}

	@Override
	public ChannelType type() {
		return ChannelType.EMAIL;
	}

	@Override
	public String send(OutgoingMessage message) {
		InternetAddress to = address(message.recipient());
		String messageId = "<" + message.deliveryId() + "@" + domainOf(this.from) + ">";
		MimeMessage mime = compose(message, to, messageId);
		try {
			this.mailSender.send(mime);
		}
		catch (MailAuthenticationException ex) {
			throw new TemporaryDeliveryException("SMTP server refused our credentials: " + rootMessage(ex), ex);
		}
		catch (MailSendException ex) {
			if (refusedRecipient(ex)) {
				throw new PermanentDeliveryException("invalid-address", "the SMTP server refused the recipient");
			}
			SMTPSendFailedException refused = refusedMessage(ex);
			if (refused != null) {
				// its text may quote the message or the address, so only its code is kept
				throw new PermanentDeliveryException("rejected",
						"the SMTP server refused the message (" + refused.getReturnCode() + ")");
			}
			throw new TemporaryDeliveryException("SMTP server not reachable or did not accept the message: "
					+ rootMessage(ex), ex);
		}
		catch (MailException ex) {
			throw new PermanentDeliveryException("rejected", "the e-mail could not be prepared: " + rootMessage(ex));
		}
		return messageId;
	}

	private MimeMessage compose(OutgoingMessage message, InternetAddress to, String messageId) {
		MimeMessage mime = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(mime, message.html() != null,
					StandardCharsets.UTF_8.name());
			helper.setFrom(this.from);
			helper.setTo(to);
			helper.setSubject(message.subject());
			helper.setSentDate(Date.from(this.clock.instant()));
			if (message.html() != null) {
				helper.setText(message.text(), message.html());
			}
			else {
				helper.setText(message.text());
			}
			mime.setHeader("Message-ID", messageId);
			mime.setHeader(DELIVERY_ID_HEADER, message.deliveryId());
			// RFC 3834: keeps out-of-office replies and auto-responders from answering.
			mime.setHeader("Auto-Submitted", "auto-generated");
			return mime;
		}
		catch (MessagingException ex) {
			throw new PermanentDeliveryException("rejected", "the e-mail could not be composed: " + rootMessage(ex));
		}
	}

	private static InternetAddress address(String recipient) {
		try {
			InternetAddress address = new InternetAddress(recipient, true);
			address.validate();
			return address;
		}
		catch (AddressException ex) {
			// The exception's text repeats the address; the reason is stored and logged, so it must not.
			throw new PermanentDeliveryException("invalid-address", "the recipient is not a valid e-mail address");
		}
	}

	private static String domainOf(InternetAddress address) {
		String text = address.getAddress();
		return text.substring(text.lastIndexOf('@') + 1);
	}

	/** A 5xx answer to RCPT TO: the server named the address invalid. A 4xx leaves it "valid unsent". */
	private static boolean refusedRecipient(MailSendException ex) {
		return cause(ex, SendFailedException.class,
				(sendFailed) -> sendFailed.getInvalidAddresses() != null && sendFailed.getInvalidAddresses().length > 0)
				!= null;
	}

	/**
	 * A 5xx answer to the end of the message's data whose enhanced status (RFC 3463) blames the message itself:
	 * refused as spam or by content policy (5.7.1), too large (5.3.4, 5.2.3), its content or media (5.6.x).
	 * Sending it again will not change that. Stays temporary: a 4xx there; a 5xx with another enhanced status
	 * (DMARC or DKIM failing, 5.7.26; sending as another address refused, 5.7.60: the sender's set-up, which
	 * refuses every message until it is mended) or with none (a relay refusing an unverified sender may say
	 * only "554 Message rejected"); a 5xx to another command (the sender refused, authentication required).
	 */
	private static @Nullable SMTPSendFailedException refusedMessage(MailSendException ex) {
		return cause(ex, SMTPSendFailedException.class,
				(refused) -> END_OF_DATA.equals(refused.getCommand()) && refused.getReturnCode() >= 500
						&& refused.getReturnCode() < 600 && messageAtFault(refused.getMessage()));
	}

	/** The first failure of a type that passes the test, among the failures and their causes. */
	private static <T extends Throwable> @Nullable T cause(MailSendException ex, Class<T> type, Predicate<T> test) {
		for (Exception failure : ex.getMessageExceptions()) {
			int depth = 0;
			for (Throwable cause = failure; cause != null && depth++ < MAX_CAUSES; cause = nextCause(cause)) {
				if (type.isInstance(cause) && test.test(type.cast(cause))) {
					return type.cast(cause);
				}
			}
		}
		return null;
	}

	/** Whether an SMTP reply's enhanced status says the message itself is refused (see {@link #refusedMessage}). */
	static boolean messageAtFault(@Nullable String reply) {
		Matcher enhanced = (reply != null) ? ENHANCED_STATUS.matcher(reply.strip()) : null;
		if (enhanced == null || !enhanced.lookingAt()) {
			return false;
		}
		String subject = enhanced.group(1);
		String detail = subject + "." + enhanced.group(2);
		return subject.equals("6") || detail.equals("7.1") || detail.equals("3.4") || detail.equals("2.3");
	}

	private static @Nullable Throwable nextCause(Throwable throwable) {
		Throwable next = (throwable instanceof MessagingException messaging) ? messaging.getNextException()
				: throwable.getCause();
		return (next != throwable) ? next : null;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		int depth = 0;
		for (Throwable cause = nextCause(ex); cause != null && depth < MAX_CAUSES; cause = nextCause(cause)) {
			root = cause;
			depth++;
		}
		return Recipients.redact(root.getClass().getSimpleName() + ": " + root.getMessage());
	}

}
