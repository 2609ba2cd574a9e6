package io.feedbackloop.notification.delivery;

import java.time.Instant;

/**
 * What is to be told to whom, independent of how: the event that asked, the case and customer it is
 * about, and the template.
 *
 * @param eventId the id of the event that asked for the message
 * @param caseId the complaint case
 * @param customerId the customer
 * @param template the template name
 * @param language the language the message is written in
 * @param since when the customer's need began (the complaint's receipt); the delivery latency is
 * counted from it
 */
public record DeliveryRequest(String eventId, String caseId, String customerId, String template, String language,
		Instant since) {

}
