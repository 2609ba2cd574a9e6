package io.feedbackloop.notification.web;

import io.feedbackloop.platform.security.Staff;
import io.feedbackloop.platform.security.StaffSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what over HTTP, signed in by API key as in complaint-router and churn-analyzer. The
 * delivery log ({@code GET /api/v1/deliveries}: recipients' phone numbers and addresses) is for staff:
 * agents (did the customer get our answer?), supervisors and analysts read it; nobody writes it over
 * HTTP, so any other {@code /api} request is refused to analysts and finds no handler for the others.
 * The survey pages ({@code /survey/{token}}) are the customers': they stay open, the signed token in
 * the link is what lets a customer answer one survey and no other.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, Staff staff) throws Exception {
		return StaffSecurity.filterChain(http, staff, (api) -> api.requestMatchers("/survey/*").permitAll());
	}

}
