package io.feedbackloop.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The staff of a service that has Spring Security on its classpath ({@code spring-boot-starter-security}):
 * the users of {@code feedbackloop.security.*} and no password sign-in. The service declares its own
 * {@link SecurityFilterChain} with {@link StaffSecurity#filterChain}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class StaffSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Staff staff(SecurityProperties properties) {
		return new Staff(properties);
	}

	/**
	 * A request the firewall refuses before any sign-in (a path with {@code //}, {@code ;} or an encoded
	 * slash): {@code 400} problem details like every other refusal, not Boot's error JSON.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler problemForRejectedRequests() {
		return StaffSecurity::rejected;
	}

	/** Keeps Boot from creating a user with a generated password: API keys are the only way in. */
	@Bean
	@ConditionalOnMissingBean
	UserDetailsService noPasswordUsers() {
		return (name) -> {
			throw new UsernameNotFoundException("sign in with an API key");
		};
	}

}
