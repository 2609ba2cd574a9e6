/**
 * The ports to the outside world that carry messages (SMS and e-mail to customers, webhooks to staff
 * systems, survey answers to feedback-ingest), what a message and a recipient are, how a failed send
 * is told apart — temporary (worth retrying) or permanent (the message can never be delivered this
 * way) — and the Resilience4j guards (retry, circuit breaker, bulkhead) every provider is called
 * through.
 */
@NullMarked
package io.feedbackloop.notification.channel;

import org.jspecify.annotations.NullMarked;
