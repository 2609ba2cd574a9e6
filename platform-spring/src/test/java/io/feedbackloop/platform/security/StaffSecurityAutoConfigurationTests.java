package io.feedbackloop.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StaffSecurityAutoConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StaffSecurityAutoConfiguration.class));

	@Test
	void staffComeFromTheSecurityPropertiesAndNoOneSignsInWithAPassword() {
		this.contexts
			.withPropertyValues("feedbackloop.security.users[0].name=agent-li",
					"feedbackloop.security.users[0].api-key-sha256="
							+ "931a7f1f882708dec3438d630f00853b3f7ee6240901dcc11b9832fa05549350",
					"feedbackloop.security.users[0].roles=agent")
			.run((context) -> {
				Staff staff = context.getBean(Staff.class);
				assertThat(staff.userWithKey("dev-agent-li-key")).contains("agent-li");
				assertThat(staff.rolesOf("agent-li")).containsExactly(Role.AGENT);
				assertThatExceptionOfType(UsernameNotFoundException.class)
					.isThrownBy(() -> context.getBean(UserDetailsService.class).loadUserByUsername("agent-li"));
			});
	}

	@Test
	void aKeyConfiguredInsteadOfItsHashStopsTheStart() {
		this.contexts
			.withPropertyValues("feedbackloop.security.users[0].name=agent-li",
					"feedbackloop.security.users[0].api-key-sha256=dev-agent-li-key",
					"feedbackloop.security.users[0].roles=agent")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("users[0].api-key-sha256 must be the 64 hex digits"));
	}

}
