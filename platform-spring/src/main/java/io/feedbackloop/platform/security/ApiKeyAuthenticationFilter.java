package io.feedbackloop.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in by its {@code X-API-Key} header. A request without the header goes on
 * anonymous (and is refused where a role is needed); a request with an unknown key is refused at
 * once, so that a wrong key never silently becomes anonymous access.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final Staff staff;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiKeyAuthenticationFilter(Staff staff, AuthenticationEntryPoint entryPoint) {
		this.staff = staff;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<String> user = this.staff.userWithKey(key.trim());
		if (user.isEmpty()) {
			this.contexts.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
			return;
		}
		List<SimpleGrantedAuthority> authorities = this.staff.rolesOf(user.get())
			.stream()
			.map((role) -> new SimpleGrantedAuthority(role.authority()))
			.toList();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, authorities));
		this.contexts.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.contexts.clearContext();
		}
	}

}
