/**
 * Complaint cases through the complaint process: the transition table, changes applied only to the
 * version they were decided on, the history, the events announcing each change (written with the
 * change, published after it), the REST API, and the timers (silence after the remedy, outbox relay).
 */
@NullMarked
package io.feedbackloop.router.cases;

import org.jspecify.annotations.NullMarked;
