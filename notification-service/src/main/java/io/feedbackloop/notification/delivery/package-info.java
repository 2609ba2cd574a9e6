/**
 * Sending a message once and recording it: features queue messages ({@link
 * io.feedbackloop.notification.delivery.Deliveries}) in the {@code outbox} and the {@code deliveries}
 * log in MongoDB (one record per event, recipient and template); the drainer sends them through the
 * providers' guards, paces customer messages (quiet hours, daily cap), retries temporary failures
 * with back-off and records permanent ones with the reason; its metrics and REST API.
 */
@NullMarked
package io.feedbackloop.notification.delivery;

import org.jspecify.annotations.NullMarked;
