package io.feedbackloop.router.routing;

/**
 * Where a complaint goes and why.
 *
 * @param department the department whose queue gets the case
 * @param ownerRole {@code agent} or {@code supervisor}
 * @param rule the rule that decided ({@code rules[2]}) or {@code default}
 */
public record RouteDecision(String department, String ownerRole, String rule) {

}
