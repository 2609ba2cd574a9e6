package io.feedbackloop.notification.acknowledgement;

import java.util.Optional;
import java.util.Set;

import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.notification.channel.Recipient;
import io.feedbackloop.notification.delivery.Deliveries;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.delivery.DeliveryRequest;
import io.feedbackloop.notification.templates.RenderedMessage;
import io.feedbackloop.notification.templates.TemplateCatalog;
import io.feedbackloop.notification.templates.TemplateDefinition;

/** Composes and sends the acknowledgement of one routed complaint. */
class Acknowledgements {

	static final String TEMPLATE = "acknowledgement";

	static final TemplateDefinition DEFINITION = new TemplateDefinition(TEMPLATE,
			Set.of(AcknowledgementVariables.NAME, AcknowledgementVariables.REFERENCE,
					AcknowledgementVariables.DUE_TIME, AcknowledgementVariables.REPLY_HOURS));

	static final String NO_CONTACT = "no contact";

	private final TemplateCatalog templates;

	private final AcknowledgementVariables variables;

	private final Deliveries deliveries;

	Acknowledgements(TemplateCatalog templates, AcknowledgementVariables variables, Deliveries deliveries) {
		this.templates = templates;
		this.variables = variables;
		this.deliveries = deliveries;
	}

	/**
	 * @param eventId the id of the event asking for it: part of the delivery id
	 * @throws io.feedbackloop.notification.channel.TemporaryDeliveryException when it should be retried
	 */
	Delivery acknowledge(String eventId, ComplaintRouted complaint) {
		String language = this.templates.languageFor(complaint.language());
		DeliveryRequest request = new DeliveryRequest(eventId, complaint.caseId().value(),
				complaint.customerId().value(), TEMPLATE, language, complaint.receivedAt());
		Optional<Recipient> recipient = RecipientChoice.forComplaint(complaint.channel(), complaint.contact());
		if (recipient.isEmpty()) {
			return this.deliveries.skip(request, NO_CONTACT);
		}
		RenderedMessage message = this.templates.render(TEMPLATE, language, this.variables.of(complaint, language));
		return this.deliveries.deliver(request, recipient.get(), message);
	}

}
