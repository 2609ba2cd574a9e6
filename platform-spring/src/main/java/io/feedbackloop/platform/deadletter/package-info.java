/**
 * Dead letters: what the Kafka binder writes to a service's {@code <service>.dlq} topic gets the
 * platform's headers naming the reason, the exception, the consumer and the origin record, so that a
 * person reading the topic with kcat sees why without reading a stack trace.
 */
@NullMarked
package io.feedbackloop.platform.deadletter;

import org.jspecify.annotations.NullMarked;
