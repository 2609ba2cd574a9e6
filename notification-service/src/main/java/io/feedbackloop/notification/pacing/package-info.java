/**
 * Pacing of customer messages: the customer's time zone, quiet hours at night (a message due then
 * waits for the morning) and a cap on messages per customer and day, shared by every instance.
 * Time always comes from the injected clock.
 */
@NullMarked
package io.feedbackloop.notification.pacing;

import org.jspecify.annotations.NullMarked;
