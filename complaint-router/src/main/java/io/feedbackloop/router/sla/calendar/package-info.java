/**
 * Counted time for SLA timers: wall-clock time, or working time of a department's business calendar
 * (working hours per weekday in the department's time zone, public holidays, make-up working days and
 * one-off closures), so that an internal target such as "12 business hours" lands where the team
 * actually works, across nights, weekends, holidays and daylight-saving changes.
 */
@NullMarked
package io.feedbackloop.router.sla.calendar;

import org.jspecify.annotations.NullMarked;
