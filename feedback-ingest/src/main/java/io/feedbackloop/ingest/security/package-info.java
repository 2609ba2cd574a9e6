/**
 * Who may post: every channel system is a registered client that authenticates with an API key
 * ({@code X-Api-Key}); only the SHA-256 of each key is configured, a client may have two keys at once
 * (rotation without downtime), may post only for its channels, and is held to its own rate limit (a
 * token bucket per client and instance, answered 429 with {@code Retry-After}).
 */
@NullMarked
package io.feedbackloop.ingest.security;

import org.jspecify.annotations.NullMarked;
