/**
 * The webhook port for staff systems: a JSON POST signed with HMAC-SHA256 over the timestamp and
 * the body ({@link io.feedbackloop.notification.channel.webhook.WebhookSignature}), so that the
 * receiver can tell our calls from forgeries and replays.
 */
@NullMarked
package io.feedbackloop.notification.channel.webhook;

import org.jspecify.annotations.NullMarked;
