/**
 * What the whole service shares on its REST side: RFC 9457 problem responses with stable type URIs.
 */
@NullMarked
package io.feedbackloop.churn.system;

import org.jspecify.annotations.NullMarked;
