/**
 * Keeps personal data out of the logs: every log line's message passes through
 * {@link io.feedbackloop.ingest.logging.Masking}, which masks phone numbers and e-mail addresses
 * whoever logged them (this service, a library, an exception message).
 */
@NullMarked
package io.feedbackloop.ingest.logging;

import org.jspecify.annotations.NullMarked;
