package io.feedbackloop.notification.cases;

import java.time.Instant;
import java.util.Optional;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.notification.channel.Recipient;

/**
 * What this service knows of a complaint case from its {@code complaint.routed.v1}: later events of
 * the case (status changes, responses, SLA events) carry no contact or language.
 *
 * @param caseId the case, the customer's reference number
 * @param customerId the customer
 * @param channel where the complaint came from
 * @param contact how to reach the customer
 * @param language the customer's language
 * @param category the complaint category
 * @param department the owning department
 * @param receivedAt when the complaint was received
 * @param firstResponseDueAt the promised first-response time
 */
public record KnownCase(String caseId, String customerId, Channel channel, Contact contact, String language,
		String category, String department, Instant receivedAt, Instant firstResponseDueAt) {

	public static KnownCase of(ComplaintRouted routed) {
		return new KnownCase(routed.caseId().value(), routed.customerId().value(), routed.channel(), routed.contact(),
				routed.language(), routed.category(), routed.department(), routed.receivedAt(),
				routed.firstResponseDueAt());
	}

	/** Where the customer is answered: see {@link RecipientChoice}. */
	public Optional<Recipient> customerRecipient() {
		return RecipientChoice.forComplaint(this.channel, this.contact);
	}

}
