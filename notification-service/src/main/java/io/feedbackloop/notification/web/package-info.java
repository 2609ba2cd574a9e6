/**
 * What every REST answer of this service shares: errors as RFC 9457 {@code application/problem+json}
 * with stable type URIs and no stack traces.
 */
@NullMarked
package io.feedbackloop.notification.web;

import org.jspecify.annotations.NullMarked;
