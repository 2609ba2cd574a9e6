/**
 * SLA timers that keep the promise of a reply within the stated time: per case, a first-response timer
 * (the customer promise, wall-clock by default), an earlier internal target on the department's
 * business calendar, a periodic-update timer while the case is open and a resolution timer, each with
 * warnings, a breach and an escalation ladder chosen by policy (category, severity, customer tier).
 * Timers live in MongoDB ({@code sla_timers}, with the due-time index {@code sla_schedule}), are started,
 * paused, stopped and restarted by the case's events on {@code complaint.cases}, and fire at their
 * instant from an in-memory schedule that every instance loads ahead; each warning, breach and
 * escalation is published once as seen downstream (event ids derived from case, timer, cycle and step,
 * claimed and recorded with conditional single-document updates).
 */
@NullMarked
package io.feedbackloop.router.sla;

import org.jspecify.annotations.NullMarked;
