/** What the services' REST answers share: RFC 9457 problems. */
@NullMarked
package io.feedbackloop.platform.web;

import org.jspecify.annotations.NullMarked;
