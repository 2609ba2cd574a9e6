package io.feedbackloop.router.sla;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One step of a timer, at an offset of counted time from the timer's start.
 *
 * @param key unique within the timer, part of the step's event id: {@code warning-50}, {@code breach},
 * {@code escalation-1}
 * @param type warning, breach or escalation
 * @param offset counted time from the start at which it falls due
 * @param fraction the share of the target, for a warning (1 for the breach)
 * @param level the escalation level (0 otherwise)
 * @param escalateTo the role escalated to
 */
record Step(String key, StepType type, Duration offset, double fraction, int level, @Nullable String escalateTo) {

}
