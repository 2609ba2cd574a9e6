package io.feedbackloop.notification.customer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.delivery.Audience;
import io.feedbackloop.notification.delivery.Deliveries;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryRequest;
import io.feedbackloop.notification.pacing.CustomerTimeZones;
import io.feedbackloop.notification.templates.LocalTexts;
import io.feedbackloop.notification.templates.TemplateCatalog;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How every message to a customer is composed: on the channel they reached us on where their
 * contact allows, in their language and time zone, queued once per (event, recipient, template); a
 * case without any contact is recorded as skipped.
 */
@Component
public class CustomerMessages {

	public static final String NO_CONTACT = "no contact";

	private static final Map<String, String> ANONYMOUS = Map.of("zh", "尊敬的客户", "en", "customer");

	private final TemplateCatalog templates;

	private final Deliveries deliveries;

	private final CustomerTimeZones zones;

	CustomerMessages(TemplateCatalog templates, Deliveries deliveries, CustomerTimeZones zones) {
		this.templates = templates;
		this.deliveries = deliveries;
		this.zones = zones;
	}

	/**
	 * Queues a message to the customer of a case.
	 * @param eventId the event asking for it: part of the delivery id
	 * @param since when the need arose, for the delivery latency
	 * @param variables the template's values for a language and the customer's time zone
	 */
	public Delivery send(String eventId, KnownCase known, String template, Instant since,
			BiFunction<String, ZoneId, Map<String, String>> variables) {
		String language = this.templates.languageFor(known.language());
		ZoneId zone = zoneOf(known);
		DeliveryRequest request = new DeliveryRequest(eventId, known.caseId(), known.customerId(), Audience.CUSTOMER,
				template, language, since, zone);
		Optional<Recipient> recipient = known.customerRecipient();
		if (recipient.isEmpty()) {
			return this.deliveries.skip(request, NO_CONTACT);
		}
		return this.deliveries.enqueue(request, recipient.get(),
				this.templates.render(template, language, variables.apply(language, zone)));
	}

	/** Records that a message was not sent on purpose, with the reason. */
	public Delivery skip(String eventId, KnownCase known, String template, Instant since, String reason) {
		return this.deliveries.skip(new DeliveryRequest(eventId, known.caseId(), known.customerId(),
				Audience.CUSTOMER, template, this.templates.languageFor(known.language()), since, zoneOf(known)),
				reason);
	}

	public ZoneId zoneOf(KnownCase known) {
		return this.zones.zoneOf(known.contact().phone());
	}

	/** How the customer is addressed: their name, or a polite form when the channel gave none. */
	public static String salutation(@Nullable String name, String language) {
		if (name == null || name.isBlank()) {
			return LocalTexts.inLanguage(ANONYMOUS, language);
		}
		return name.strip();
	}

}
