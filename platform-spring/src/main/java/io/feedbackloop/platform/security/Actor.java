package io.feedbackloop.platform.security;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who makes a change: a signed-in user with the strongest of their roles, or the service itself
 * ({@code system}, for timers).
 *
 * @param id the user name, or {@code system}
 * @param role {@code agent}, {@code supervisor}, {@code analyst} or {@code system}, as events carry it
 */
public record Actor(String id, String role) {

	public static final String SYSTEM = "system";

	public static Actor system() {
		return new Actor(SYSTEM, SYSTEM);
	}

	public static Actor of(Authentication authentication) {
		Set<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(java.util.stream.Collectors.toSet());
		for (Role role : new Role[] { Role.SUPERVISOR, Role.AGENT, Role.ANALYST }) {
			if (authorities.contains(role.authority())) {
				return new Actor(authentication.getName(), role.wireName());
			}
		}
		throw new IllegalStateException(authentication.getName() + " has no role of this service");
	}

	public boolean is(Role role) {
		return role.wireName().equals(this.role);
	}

	public boolean isSystem() {
		return SYSTEM.equals(this.role);
	}

}
