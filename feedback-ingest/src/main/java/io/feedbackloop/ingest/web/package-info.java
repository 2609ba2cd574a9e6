/**
 * What every endpoint shares at the HTTP level: the request-body size limit and the one
 * {@code @RestControllerAdvice} that answers every error as RFC 9457 {@code application/problem+json}
 * with a stable type URI, field-level {@code errors} and never a stack trace or class name.
 */
@NullMarked
package io.feedbackloop.ingest.web;

import org.jspecify.annotations.NullMarked;
