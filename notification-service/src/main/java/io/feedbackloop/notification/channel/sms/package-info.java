/**
 * The SMS port: sends messages through the SMS gateway's HTTP API ({@code POST /v1/messages}) and
 * tells a refused message (4xx) from an unavailable gateway (5xx, no connection).
 */
@NullMarked
package io.feedbackloop.notification.channel.sms;

import org.jspecify.annotations.NullMarked;
