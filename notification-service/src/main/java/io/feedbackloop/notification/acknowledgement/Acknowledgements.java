package io.feedbackloop.notification.acknowledgement;

import java.util.Set;

import io.feedbackloop.contracts.ComplaintRouted;
import io.feedbackloop.notification.cases.KnownCase;
import io.feedbackloop.notification.customer.CustomerMessages;
import io.feedbackloop.notification.delivery.Delivery;
import io.feedbackloop.notification.templates.TemplateDefinition;

/** Composes and queues the acknowledgement of one routed complaint. */
public class Acknowledgements {

	static final String TEMPLATE = "acknowledgement";

	static final TemplateDefinition DEFINITION = TemplateDefinition.message(TEMPLATE,
			Set.of(AcknowledgementVariables.NAME, AcknowledgementVariables.REFERENCE,
					AcknowledgementVariables.DUE_TIME, AcknowledgementVariables.REPLY_HOURS));

	private final CustomerMessages messages;

	Acknowledgements(CustomerMessages messages) {
		this.messages = messages;
	}

	/** @param eventId the id of the event asking for it: part of the delivery id */
	public Delivery acknowledge(String eventId, ComplaintRouted complaint) {
		return this.messages.send(eventId, KnownCase.of(complaint), TEMPLATE, complaint.receivedAt(),
				(language, zone) -> AcknowledgementVariables.of(complaint, language, zone));
	}

}
