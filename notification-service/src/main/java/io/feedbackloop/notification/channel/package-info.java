/**
 * The ports to the outside world that carry messages to customers (SMS, e-mail), what a message
 * and a recipient are, and how a failed send is told apart: temporary (worth retrying) or permanent
 * (the message can never be delivered this way).
 */
@NullMarked
package io.feedbackloop.notification.channel;

import org.jspecify.annotations.NullMarked;
