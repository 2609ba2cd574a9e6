/**
 * Sending a message once and recording it: the {@code deliveries} log in MongoDB (one record per
 * event, recipient and template, from pending to sent, failed or skipped), the send flow that tells
 * temporary failures (retried) from permanent ones (recorded), its metrics and its REST API.
 */
@NullMarked
package io.feedbackloop.notification.delivery;

import org.jspecify.annotations.NullMarked;
