/**
 * Notices to staff: the department that owns a case hears of its assignment and, from the response
 * timers, of SLA warnings, breaches and each escalation level — by e-mail to the department's
 * contacts (and those of the escalation level) and by signed webhook to its staff system.
 */
@NullMarked
package io.feedbackloop.notification.staff;

import org.jspecify.annotations.NullMarked;
