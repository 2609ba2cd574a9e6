package io.feedbackloop.churn.system;

import io.feedbackloop.platform.security.Role;
import io.feedbackloop.platform.security.Staff;
import io.feedbackloop.platform.security.StaffSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what over HTTP, signed in by API key as in complaint-router: customer profiles, the
 * at-risk list and the win/loss log are read by agents, supervisors and analysts; win/loss records are
 * written by agents and supervisors (analysts only read); the projection rebuild is for supervisors.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, Staff staff) throws Exception {
		return StaffSecurity.filterChain(http, staff,
				(api) -> api.requestMatchers("/api/v1/admin/**").hasRole(Role.SUPERVISOR.name()));
	}

}
