/**
 * What every service does the same way, auto-configured: publishing events to Kafka (acks=all,
 * CloudEvents headers, one writing service per topic), reading them from Spring Cloud Stream
 * messages, handling each event once, waiting out outages of MongoDB and Kafka in every consumer
 * ({@link io.feedbackloop.platform.consumer}), the injected {@link java.time.Clock}, a MongoDB health check
 * that works on production MongoDB and on the MongoDB-wire server alike, common metric tags, and
 * the trace context of a request carried through every event it causes (with the defaults in
 * {@link io.feedbackloop.platform.PlatformDefaults}).
 */
@NullMarked
package io.feedbackloop.platform;

import org.jspecify.annotations.NullMarked;
