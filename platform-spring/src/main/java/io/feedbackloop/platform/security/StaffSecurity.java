package io.feedbackloop.platform.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.feedbackloop.platform.web.ProblemAdvice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * The one way a service signs its staff in: an API key in {@code X-API-Key} on every request, no
 * sessions, no cookies (so no CSRF), refusals answered as problem details with the stable types
 * {@code https://feedbackloop.io/problems/unauthenticated} ({@code 401}) and
 * {@code .../forbidden} ({@code 403}). Actuator endpoints stay open for probes and Prometheus.
 * Under {@code /api}, every role reads ({@code GET}); what else a service reserves, for supervisors
 * say, are its own rules; every other change is for agents and supervisors (analysts only read);
 * anything outside {@code /api} is refused, unless the service's own rules open it (notification-service's
 * survey pages for customers, say).
 *
 * <pre>
 * &#64;Bean
 * SecurityFilterChain api(HttpSecurity http, Staff staff) throws Exception {
 * 	return StaffSecurity.filterChain(http, staff,
 * 			(api) -&gt; api.requestMatchers("/api/v1/admin/**").hasRole(Role.SUPERVISOR.name()));
 * }
 * </pre>
 */
public final class StaffSecurity {

	/** The header that carries a user's API key. */
	public static final String HEADER = ApiKeyAuthenticationFilter.HEADER;

	private static final String[] ALL_ROLES = { Role.AGENT.name(), Role.SUPERVISOR.name(), Role.ANALYST.name() };

	private static final Logger log = LoggerFactory.getLogger(StaffSecurity.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StaffSecurity() {
	}

	/**
	 * The service's filter chain: API-key sign-in, open actuator endpoints, reads for every role, the
	 * service's own rules, other {@code /api} requests for agents and supervisors, everything else denied.
	 * @param apiRules what the service reserves beyond that, checked after the reads, in order
	 */
	public static SecurityFilterChain filterChain(HttpSecurity http, Staff staff,
			Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> apiRules)
			throws Exception {
		if (staff.isEmpty()) {
			log.warn("No API users configured (feedbackloop.security.users): every /api request will be refused");
		}
		AuthenticationEntryPoint unauthenticated = StaffSecurity::unauthenticated;
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
			.authorizeHttpRequests((auth) -> {
				auth.requestMatchers("/actuator/**", "/error").permitAll();
				auth.requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ALL_ROLES);
				apiRules.customize(auth);
				auth.requestMatchers("/api/**").hasAnyRole(Role.AGENT.name(), Role.SUPERVISOR.name());
				auth.anyRequest().denyAll();
			});
		return http.build();
	}

	private static void unauthenticated(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
		String detail = (request.getHeader(HEADER) != null) ? "The API key is not valid."
				: "Send your API key in the " + HEADER + " header.";
		write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail, request);
	}

	/** A request the firewall refused: {@code 400}, type {@code .../request-rejected}. */
	static void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		log.debug("Request rejected: {}", ex.getMessage());
		write(response, HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
				"The request's URL is not accepted (" + ex.getMessage() + "); send it without '//', ';', "
						+ "'..' or encoded slashes.",
				request);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String kind, String title,
			String detail, HttpServletRequest request) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemAdvice.TYPE_BASE + kind);
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
