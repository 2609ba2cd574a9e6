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
 * @param demoUsers published users whose keys are in the README, for local runs and tests
 * @param demoUsersEnabled whether the demo users may sign in: only where {@code FEEDBACKLOOP_DEMO_CLIENT}
 * is {@code true} ({@code bin/run-local}, the end-to-end test), never in production
 */
@ConfigurationProperties("feedbackloop.security")
public record SecurityProperties(@DefaultValue List<User> users, @DefaultValue List<User> demoUsers,
		@DefaultValue("false") boolean demoUsersEnabled) {

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	public SecurityProperties {
		users = List.copyOf(users);
		demoUsers = List.copyOf(demoUsers);
		List<String> problems = new ArrayList<>();
		Set<String> names = new HashSet<>();
		Set<String> keys = new HashSet<>();
		check("feedbackloop.security.users", users, names, keys, problems);
		if (demoUsersEnabled) {
			check("feedbackloop.security.demo-users", demoUsers, names, keys, problems);
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
		all.addAll(this.demoUsers);
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
