/**
 * How every Kafka consumer of the platform handles a failing event: an unavailable MongoDB or Kafka
 * (an outage) holds the partition and retries without limit, so that no valid event is dead-lettered
 * because the infrastructure was down; anything else is retried a few times and then goes to the
 * service's dead-letter topic with its reason.
 */
@NullMarked
package io.feedbackloop.platform.consumer;

import org.jspecify.annotations.NullMarked;
