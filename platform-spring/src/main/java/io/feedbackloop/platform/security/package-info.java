/**
 * Who may call a service's REST API: agents, supervisors and analysts configured with the SHA-256
 * hashes of their API keys, an {@code X-API-Key} header on every request, refusals answered as
 * problem details. Each service states which role may do what ({@link StaffSecurity#filterChain}).
 */
@NullMarked
package io.feedbackloop.platform.security;

import org.jspecify.annotations.NullMarked;
