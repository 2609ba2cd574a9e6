package io.feedbackloop.router.routing;

import java.time.Instant;

/**
 * The routing table in use, with its version (for optimistic concurrency) and who changed it last.
 */
public record StoredRoutingTable(RoutingTable table, long version, String updatedBy, Instant updatedAt) {

}
