/**
 * Who may post: every channel system is a registered client that authenticates with an API key
 * ({@code X-Api-Key}; only the SHA-256 of each key is kept) or signs its requests with an HMAC secret
 * derived from a master key (see {@link io.feedbackloop.ingest.security.RequestSignatures}). A client
 * may have two keys or secrets at once (rotation without downtime), may post only for its channels,
 * and is held to its own rate limit (a token bucket per client and instance, answered 429 with
 * {@code Retry-After}). Clients are configured and may be added, rotated or revoked at run time in
 * MongoDB ({@code api_clients}), which every instance reads again periodically.
 */
@NullMarked
package io.feedbackloop.ingest.security;

import org.jspecify.annotations.NullMarked;
