package io.feedbackloop.notification.cases;

import java.util.Optional;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.notification.channel.ChannelType;
import io.feedbackloop.notification.channel.Recipient;
import org.jspecify.annotations.Nullable;

/**
 * Answer on the channel the customer used where we can: a phone or SMS complaint gets an SMS, a web
 * or app complaint an e-mail; otherwise whichever contact exists.
 */
public final class RecipientChoice {

	private RecipientChoice() {
	}

	public static Optional<Recipient> forComplaint(Channel origin, Contact contact) {
		String phone = present(contact.phone());
		String email = present(contact.email());
		boolean prefersSms = origin == Channel.PHONE || origin == Channel.SMS;
		if (prefersSms && phone != null) {
			return Optional.of(new Recipient(ChannelType.SMS, phone));
		}
		if (email != null) {
			return Optional.of(new Recipient(ChannelType.EMAIL, email));
		}
		if (phone != null) {
			return Optional.of(new Recipient(ChannelType.SMS, phone));
		}
		return Optional.empty();
	}

	private static @Nullable String present(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
