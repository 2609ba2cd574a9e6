/**
 * Who may do what over the router's REST API (the sign-in itself is platform-spring's
 * {@code io.feedbackloop.platform.security}).
 */
@NullMarked
package io.feedbackloop.router.security;

import org.jspecify.annotations.NullMarked;
