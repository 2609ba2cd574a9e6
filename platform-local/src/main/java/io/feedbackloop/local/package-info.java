/**
 * Real infrastructure that runs on a machine without Docker, shared by the tests and the local run:
 * an Apache Kafka broker in KRaft mode, a MongoDB-wire server, an SMTP server and an HTTP SMS
 * gateway. {@link io.feedbackloop.local.TestInfrastructure} picks Testcontainers images instead when
 * the build runs with {@code -Ptestcontainers}.
 */
@NullMarked
package io.feedbackloop.local;

import org.jspecify.annotations.NullMarked;
