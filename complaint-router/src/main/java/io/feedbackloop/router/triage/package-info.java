/**
 * People deciding what the classifier could not: the manual triage queue (cases whose classification
 * confidence is below the floor), classification corrections by agents on any open case (re-routed,
 * and kept as training examples for the classifier).
 */
@NullMarked
package io.feedbackloop.router.triage;

import org.jspecify.annotations.NullMarked;
