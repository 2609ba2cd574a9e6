package io.feedbackloop.notification.delivery;

import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * What is to be told to whom, independent of how: the event that asked, the case and customer it is
 * about, the audience and the template.
 *
 * @param eventId the id of the event that asked for the message
 * @param caseId the complaint case
 * @param customerId the customer
 * @param audience customer, staff or system
 * @param template the template name
 * @param language the language the message is written in
 * @param since when the need for the message arose (the complaint's receipt, the status change);
 * the delivery latency is counted from it
 * @param zone the customer's time zone, for quiet hours and the daily cap; absent for staff and
 * systems
 */
public record DeliveryRequest(String eventId, String caseId, String customerId, Audience audience, String template,
		String language, Instant since, @Nullable ZoneId zone) {

}
