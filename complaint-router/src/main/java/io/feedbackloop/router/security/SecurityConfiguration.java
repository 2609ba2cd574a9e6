package io.feedbackloop.router.security;

import io.feedbackloop.platform.security.Role;
import io.feedbackloop.platform.security.Staff;
import io.feedbackloop.platform.security.StaffSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what over HTTP. Every {@code /api/**} request needs an API key: reading for agents,
 * supervisors and analysts; changing for agents and supervisors; the routing table, customer tiers and
 * classifier models for supervisors (remedy approval, also supervisor-only, is checked by the case
 * lifecycle).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, Staff staff) throws Exception {
		return StaffSecurity.filterChain(http, staff,
				(api) -> api.requestMatchers(HttpMethod.PUT, "/api/v1/routing-table", "/api/v1/customers/*/tier")
					.hasRole(Role.SUPERVISOR.name())
					.requestMatchers(HttpMethod.POST, "/api/v1/classifier/**")
					.hasRole(Role.SUPERVISOR.name()));
	}

}
