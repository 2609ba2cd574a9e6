/**
 * The feedback-ingest port: posts feedback on the customer's behalf (a satisfaction-survey answer)
 * as a channel system does, with this service's API key and an idempotency key.
 */
@NullMarked
package io.feedbackloop.notification.channel.ingest;

import org.jspecify.annotations.NullMarked;
