/**
 * The contracts between the services: topic names (one writing service per topic), event records
 * with logical versioned type names, the CloudEvents envelope carried in Kafka headers, and the JSON
 * codec every service uses. No Spring and no database on this module's classpath.
 */
@NullMarked
package io.feedbackloop.contracts;

import org.jspecify.annotations.NullMarked;
