/**
 * Every error answer of complaint-router as RFC 9457 problem details, from one advice: the problems
 * the features raise (not found, stale version, illegal transition, forbidden, invalid fields) and the
 * framework's own.
 */
@NullMarked
package io.feedbackloop.router.web;

import org.jspecify.annotations.NullMarked;
