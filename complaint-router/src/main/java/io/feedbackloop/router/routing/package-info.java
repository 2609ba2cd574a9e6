/**
 * Who owns a complaint: the routing table (category, severity, customer tier to department queue and
 * owner role, first matching rule wins, else the default queue), kept in MongoDB, editable by
 * supervisors at run time, checked against the known departments, categories and tiers at start-up and
 * on every change; customer tiers as CRM systems report them; the promised first-response time.
 */
@NullMarked
package io.feedbackloop.router.routing;

import org.jspecify.annotations.NullMarked;
