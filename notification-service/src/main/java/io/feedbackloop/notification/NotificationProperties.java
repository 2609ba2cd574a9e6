package io.feedbackloop.notification;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.*}: what every message of this service has in common.
 *
 * @param from the sender of e-mail, such as {@code Customer Care <care@feedbackloop.local>}
 * @param timeZone the time zone staff read times in, and customers whose calling code has no zone of
 * its own ({@code feedbackloop.notification.pacing.time-zones-by-calling-code})
 * @param languages the languages templates exist for; each template must exist in each of them
 * @param defaultLanguage the language used when an event names one without templates
 * @param templates where the template files are, such as {@code classpath:templates/}
 */
@ConfigurationProperties("feedbackloop.notification")
public record NotificationProperties(String from, @DefaultValue("Asia/Shanghai") ZoneId timeZone,
		@DefaultValue({ "zh", "en" }) List<String> languages, @DefaultValue("zh") String defaultLanguage,
		@DefaultValue("classpath:templates/") String templates) {

	public NotificationProperties {
		Objects.requireNonNull(from, "feedbackloop.notification.from is required");
		try {
			new InternetAddress(from, true).validate();
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException(
					"feedbackloop.notification.from '" + from + "' is not an e-mail address: " + ex.getMessage(), ex);
		}
		languages = List.copyOf(languages);
		if (!languages.contains(defaultLanguage)) {
			throw new IllegalArgumentException("feedbackloop.notification.default-language '" + defaultLanguage
					+ "' is not one of the languages " + languages);
		}
	}

	/** The sender as an address; valid, checked at start-up. */
	public InternetAddress fromAddress() {
		try {
			return new InternetAddress(this.from, true);
		}
		catch (AddressException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
