package io.feedbackloop.platform.security;

import java.util.List;

import io.feedbackloop.local.StaffApiClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecurityPropertiesTests {

	private static final String KEY_HASH = "931a7f1f882708dec3438d630f00853b3f7ee6240901dcc11b9832fa05549350";

	@Test
	void userIsFoundByTheKeyWhoseHashIsConfigured() {
		Staff staff = new Staff(new SecurityProperties(
				List.of(new SecurityProperties.User("agent-li", List.of(KEY_HASH), List.of("agent"))), false));

		assertThat(staff.userWithKey("dev-agent-li-key")).contains("agent-li");
		assertThat(staff.userWithKey("dev-agent-li-key ")).isEmpty();
		assertThat(staff.rolesOf("agent-li")).containsExactly(Role.AGENT);
		assertThat(staff.rolesOf("nobody")).isEmpty();
	}

	@Test
	void keyInsteadOfItsHashUnknownRoleAndRepeatedNameAreRefusedNamingTheEntry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecurityProperties(
					List.of(new SecurityProperties.User("agent-li", List.of("dev-agent-li-key"), List.of("agent")),
							new SecurityProperties.User("agent-li", List.of(KEY_HASH.replace('9', '8')), List.of("boss"))),
					false))
			.withMessageContaining("feedbackloop.security.users[0].api-key-sha256 must be the 64 hex digits")
			.withMessageContaining("users[1].name 'agent-li' is given twice")
			.withMessageContaining("users[1].roles: unknown role 'boss'");
	}

	@Test
	void whileAKeyIsRotatedTheOldAndTheNewKeySignTheUserIn() {
		Staff staff = new Staff(new SecurityProperties(List.of(new SecurityProperties.User("agent-li",
				List.of(KEY_HASH, Staff.sha256("the new key").toUpperCase()), List.of("agent"))), false));

		assertThat(staff.userWithKey("dev-agent-li-key")).contains("agent-li");
		assertThat(staff.userWithKey("the new key")).contains("agent-li");
		assertThat(staff.userWithKey("another key")).isEmpty();
	}

	@Test
	void moreThanTwoKeysOrAKeyOfAnotherUserAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecurityProperties(List.of(
					new SecurityProperties.User("agent-li",
							List.of(KEY_HASH, KEY_HASH.replace('9', '1'), KEY_HASH.replace('9', '2')), List.of("agent")),
					new SecurityProperties.User("agent-chen", List.of(KEY_HASH.replace('9', '2')), List.of("agent")),
					new SecurityProperties.User("agent-wu", List.of(), List.of("agent"))), false))
			.withMessageContaining("users[0].api-key-sha256 must be one hash, or two while the user's key is rotated")
			.withMessageContaining("users[1].api-key-sha256 is the same key as another user's")
			.withMessageContaining("users[2].api-key-sha256 must be one hash, or two");
	}

	@Test
	void demoUsersSignInOnlyWhereEnabled() {
		Staff production = new Staff(new SecurityProperties(List.of(), false));
		Staff local = new Staff(new SecurityProperties(List.of(), true));

		assertThat(production.userWithKey("dev-agent-li-key")).isEmpty();
		assertThat(production.rolesOf("agent-li")).isEmpty();
		assertThat(local.userWithKey("dev-agent-li-key")).contains("agent-li");
		assertThat(local.userWithKey("dev-supervisor-wang-key")).contains("supervisor-wang");
		assertThat(local.rolesOf("supervisor-wang")).containsExactly(Role.SUPERVISOR);
		assertThat(local.userWithKey("dev-analyst-zhao-key")).contains("analyst-zhao");
		assertThat(local.userWithKey("dev-agent-chen-key")).contains("agent-chen");
	}

	@Test
	void theTestsStaffApiClientSignsInAsTheDemoUsers() {
		Staff local = new Staff(new SecurityProperties(List.of(), true));

		assertThat(StaffApiClient.HEADER).isEqualTo(StaffSecurity.HEADER);
		assertThat(local.userWithKey(StaffApiClient.AGENT)).contains("agent-li");
		assertThat(local.rolesOf("agent-li")).containsExactly(Role.AGENT);
		assertThat(local.userWithKey(StaffApiClient.OTHER_AGENT)).contains("agent-chen");
		assertThat(local.rolesOf("agent-chen")).containsExactly(Role.AGENT);
		assertThat(local.userWithKey(StaffApiClient.SUPERVISOR)).contains("supervisor-wang");
		assertThat(local.rolesOf("supervisor-wang")).containsExactly(Role.SUPERVISOR);
		assertThat(local.userWithKey(StaffApiClient.ANALYST)).contains("analyst-zhao");
		assertThat(local.rolesOf("analyst-zhao")).containsExactly(Role.ANALYST);
	}

	@Test
	void demoUserCannotShareANameWithARealUser() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecurityProperties(
					List.of(new SecurityProperties.User("agent-li", List.of(KEY_HASH.replace('9', '7')), List.of("agent"))),
					true))
			.withMessageContaining("the demo users[0].name 'agent-li' is given twice");
	}

}
