/**
 * Who may call the REST API: agents, supervisors and analysts configured with hashed passwords, HTTP
 * Basic on every request, analysts read-only, routing changes and remedy approval for supervisors;
 * refusals answered as problem details.
 */
@NullMarked
package io.feedbackloop.router.security;

import org.jspecify.annotations.NullMarked;
