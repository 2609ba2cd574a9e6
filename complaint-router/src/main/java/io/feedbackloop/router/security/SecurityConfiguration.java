package io.feedbackloop.router.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may do what over HTTP. Every {@code /api/**} request needs an API key: reading for agents,
 * supervisors and analysts; changing for agents and supervisors; the routing table and customer
 * tiers for supervisors (remedy approval, also supervisor-only, is checked by the case lifecycle).
 * Actuator endpoints stay open for probes and Prometheus. No sessions, no cookies, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] ALL_ROLES = { Role.AGENT.name(), Role.SUPERVISOR.name(), Role.ANALYST.name() };

	@Bean
	SecurityFilterChain api(HttpSecurity http, Staff staff) throws Exception {
		if (staff.isEmpty()) {
			log.warn("No API users configured (feedbackloop.security.users): every /api request will be refused");
		}
		AuthenticationEntryPoint unauthenticated = SecurityConfiguration::unauthenticated;
		AccessDeniedHandler forbidden = (request, response, ex) -> write(response, HttpStatus.FORBIDDEN, "forbidden",
				"Forbidden", "Your role may not " + request.getMethod() + " " + request.getRequestURI() + ".",
				request);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.addFilterBefore(new ApiKeyAuthenticationFilter(staff, unauthenticated), AnonymousAuthenticationFilter.class)
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(forbidden))
			.authorizeHttpRequests((auth) -> auth.requestMatchers("/actuator/**", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAnyRole(ALL_ROLES)
				.requestMatchers(HttpMethod.PUT, "/api/v1/routing-table", "/api/v1/customers/*/tier")
				.hasRole(Role.SUPERVISOR.name())
				.requestMatchers(HttpMethod.POST, "/api/v1/classifier/**")
				.hasRole(Role.SUPERVISOR.name())
				.requestMatchers("/api/**")
				.hasAnyRole(Role.AGENT.name(), Role.SUPERVISOR.name())
				.anyRequest()
				.denyAll());
		return http.build();
	}

	/** Keeps Boot from creating a user with a generated password: API keys are the only way in. */
	@Bean
	UserDetailsService noPasswordUsers() {
		return (name) -> {
			throw new UsernameNotFoundException("sign in with an API key");
		};
	}

	private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws IOException {
		response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
		String detail = (request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null)
				? "The API key is not valid." : "Send your API key in the " + ApiKeyAuthenticationFilter.HEADER
						+ " header.";
		write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail, request);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String kind, String title,
			String detail, HttpServletRequest request) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "https://feedbackloop.io/problems/" + kind);
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(problem));
	}

}
