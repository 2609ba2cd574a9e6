package io.feedbackloop.notification.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.feedbackloop.platform.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production staff users come from the file the deployment mounts ({@code STAFF_USERS_FILE},
 * deploy/'s Secret {@code feedbackloop-staff-users}), read through this service's application.yml.
 */
class StaffUsersFileTests {

	@TempDir
	Path folder;

	@Test
	void usersOfTheStaffUsersFileAreTheApiUsers() throws IOException {
		Path file = Files.writeString(this.folder.resolve("staff-users.yml"), """
				feedbackloop:
				  security:
				    users:
				      - name: agent-ops-1
				        api-key-sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
				        roles: [agent]
				      - name: supervisor-ops-1
				        api-key-sha256:
				          - 6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b
				          - d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f8bd0a7bfb2c7d9a0ab
				        roles: [supervisor]
				""");

		SecurityProperties security = securityWith("--STAFF_USERS_FILE=" + file);

		assertThat(security.users()).extracting(SecurityProperties.User::name)
			.containsExactly("agent-ops-1", "supervisor-ops-1");
		assertThat(security.users().get(0).apiKeySha256())
			.containsExactly("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8");
		assertThat(security.users().get(0).roles()).containsExactly("agent");
		assertThat(security.users().get(1).apiKeySha256()).hasSize(2);
	}

	@Test
	void withoutTheFileThereAreNoUsersButTheServiceStarts() {
		SecurityProperties security = securityWith("--STAFF_USERS_FILE=" + this.folder.resolve("absent.yml"));

		assertThat(security.users()).isEmpty();
	}

	/** The security settings the service would run with: its application.yml and the arguments. */
	private static SecurityProperties securityWith(String... args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
			.web(WebApplicationType.NONE)
			.run(args)) {
			return Binder.get(context.getEnvironment())
				.bind("feedbackloop.security", SecurityProperties.class)
				.get();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Nothing {

	}

}
