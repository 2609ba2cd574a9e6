package io.feedbackloop.platform.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.security.*}: the users of the REST API, each with one API key of which only the
 * SHA-256 hash is configured. No users, no access: the API then answers {@code 401} to everything.
 *
 * @param users who may call the API, with their roles
 * @param demoUsersEnabled whether the {@link #DEMO_USERS} may sign in: only where
 * {@code FEEDBACKLOOP_DEMO_CLIENT} is {@code true} ({@code bin/run-local}, the tests), never in production
 */
@ConfigurationProperties("feedbackloop.security")
public record SecurityProperties(@DefaultValue List<User> users, @DefaultValue("false") boolean demoUsersEnabled) {

	/**
	 * The published staff of the local run and the tests, the same in every service that signs staff in; their
	 * API keys are in the README: {@code dev-agent-li-key}, {@code dev-agent-chen-key},
	 * {@code dev-supervisor-wang-key}, {@code dev-analyst-zhao-key}.
	 */
	public static final List<User> DEMO_USERS = List.of(
			new User("agent-li", List.of("931a7f1f882708dec3438d630f00853b3f7ee6240901dcc11b9832fa05549350"),
					List.of("agent")),
			new User("agent-chen", List.of("187d3ad1bb3efc5217a23a45cb7797687961f3ad70b43ed9a7c8422c49c79d3a"),
					List.of("agent")),
			new User("supervisor-wang", List.of("9b83e03afe974b50903134719871a5bd3f40f9cadb7b9ddabb658ae04af865e0"),
					List.of("supervisor")),
			new User("analyst-zhao", List.of("8f58dc4466ddfe4ea08d5022e9358814dda43145c57cda7beae9304c59f66454"),
					List.of("analyst")));

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	public SecurityProperties {
		users = List.copyOf(users);
		List<String> problems = new ArrayList<>();
		Set<String> names = new HashSet<>();
		Set<String> keys = new HashSet<>();
		check("feedbackloop.security.users", users, names, keys, problems);
		if (demoUsersEnabled) {
			check("the demo users", DEMO_USERS, names, keys, problems);
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
	}

	/** The users who may sign in. */
	public List<User> effectiveUsers() {
		if (!this.demoUsersEnabled) {
			return this.users;
		}
		List<User> all = new ArrayList<>(this.users);
		all.addAll(DEMO_USERS);
		return List.copyOf(all);
	}

	private static void check(String prefix, List<User> users, Set<String> names, Set<String> keys,
			List<String> problems) {
		for (int i = 0; i < users.size(); i++) {
			User user = users.get(i);
			String at = prefix + "[" + i + "]";
			if (user.name() == null || user.name().isBlank()) {
				problems.add(at + ".name is missing");
			}
			else if (!names.add(user.name())) {
				problems.add(at + ".name '" + user.name() + "' is given twice");
			}
			List<String> hashes = (user.apiKeySha256() != null) ? user.apiKeySha256() : List.of();
			if (hashes.isEmpty() || hashes.size() > 2) {
				problems.add(at + ".api-key-sha256 must be one hash, or two while the user's key is rotated");
			}
			for (String given : hashes) {
				String hash = (given != null) ? normalized(given) : "";
				if (!SHA256_HEX.matcher(hash).matches()) {
					problems.add(at + ".api-key-sha256 must be the 64 hex digits of the key's SHA-256 hash "
							+ "(printf %s \"$KEY\" | sha256sum), never the key itself");
				}
				else if (!keys.add(hash)) {
					problems.add(at + ".api-key-sha256 is the same key as another user's");
				}
			}
			if (user.roles() == null || user.roles().isEmpty()) {
				problems.add(at + ".roles is empty");
			}
			else {
				for (String role : user.roles()) {
					try {
						Role.fromWire(role);
					}
					catch (IllegalArgumentException ex) {
						problems.add(at + ".roles: " + ex.getMessage());
					}
				}
			}
		}
	}

	/** A hash as configured, in the form it is looked up by: lower-case hex without spaces. */
	static String normalized(String hash) {
		return hash.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * @param name the user name, also the actor id in case histories and events
	 * @param apiKeySha256 the SHA-256 hash of the user's API key, in hex; while the key is rotated, the
	 * hashes of the old and the new key (YAML {@code [old, new]}), either of which signs the user in
	 * @param roles {@code agent}, {@code supervisor}, {@code analyst}
	 */
	public record User(String name, List<String> apiKeySha256, List<String> roles) {

	}

}
