/**
 * The complaint cases this service has been told about ({@code cases} collection): their contact,
 * language and department, remembered from {@code complaint.routed.v1} so that the case's later
 * events can be told to the right people, and the choice of the channel a customer is answered on.
 */
@NullMarked
package io.feedbackloop.notification.cases;

import org.jspecify.annotations.NullMarked;
