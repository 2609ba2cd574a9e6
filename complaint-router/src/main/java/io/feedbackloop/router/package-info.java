/**
 * complaint-router: classifies every piece of feedback, opens a complaint case for each complaint,
 * routes it to the department that owns its category with the promised first-response time, and
 * publishes what it decided on {@code complaint.cases}.
 */
@NullMarked
package io.feedbackloop.router;

import org.jspecify.annotations.NullMarked;
