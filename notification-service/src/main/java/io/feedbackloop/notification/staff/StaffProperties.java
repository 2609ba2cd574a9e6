package io.feedbackloop.notification.staff;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.staff.*}: who in each department hears about its cases.
 *
 * @param departments by department id (as the routing table names them, such as
 * {@code network-operations}); a department not listed gets no staff notices
 */
@ConfigurationProperties("feedbackloop.notification.staff")
public record StaffProperties(@DefaultValue Map<String, Department> departments) {

	public StaffProperties {
		departments = Map.copyOf(departments);
		Map<URI, String> secrets = new HashMap<>();
		departments.forEach((name, department) -> {
			Webhook webhook = department.webhook();
			if (webhook != null) {
				String other = secrets.putIfAbsent(webhook.url(), webhook.secret());
				if (other != null && !other.equals(webhook.secret())) {
					throw new IllegalArgumentException("feedbackloop.notification.staff: the webhook " + webhook.url()
							+ " is given two different secrets");
				}
			}
		});
	}

	/**
	 * One department's contacts.
	 *
	 * @param language the language its staff read ({@code zh}, {@code en}); the default language
	 * when absent
	 * @param emails who gets every notice by e-mail
	 * @param webhook the staff system that gets every notice, if any
	 * @param escalation who else gets an escalation, by level (1 = the first step of the ladder)
	 */
	public record Department(@Nullable String language, @DefaultValue List<String> emails, @Nullable Webhook webhook,
			@DefaultValue Map<Integer, List<String>> escalation) {

		public Department {
			emails = List.copyOf(emails);
			escalation = Map.copyOf(escalation);
			emails.forEach(Department::checkAddress);
			escalation.values().forEach((addresses) -> addresses.forEach(Department::checkAddress));
		}

		private static void checkAddress(String address) {
			try {
				new InternetAddress(address, true).validate();
			}
			catch (AddressException ex) {
				throw new IllegalArgumentException(
						"feedbackloop.notification.staff: '" + address + "' is not an e-mail address", ex);
			}
		}

	}

	/**
	 * A staff system's webhook.
	 *
	 * @param url where notices are posted
	 * @param secret the HMAC key they are signed with, shared with the staff system (at least 16
	 * characters)
	 */
	public record Webhook(URI url, String secret) {

		public Webhook {
			Objects.requireNonNull(url, "a staff webhook needs a url");
			Objects.requireNonNull(secret, "the staff webhook " + url + " needs a secret");
			if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
				throw new IllegalArgumentException("the staff webhook " + url + " is not an http(s) URL");
			}
			if (secret.length() < 16) {
				throw new IllegalArgumentException("the secret of the staff webhook " + url
						+ " must have at least 16 characters");
			}
		}

	}

}
