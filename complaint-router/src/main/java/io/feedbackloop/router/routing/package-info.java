/**
 * Which department owns a complaint category, and the promised first-response time; loaded from configuration and checked at start-up.
 */
@NullMarked
package io.feedbackloop.router.routing;

import org.jspecify.annotations.NullMarked;
