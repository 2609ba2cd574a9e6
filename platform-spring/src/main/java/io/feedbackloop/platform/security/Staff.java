package io.feedbackloop.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured users: who holds an API key, and which roles each user has (to check, say, that a
 * case is assigned to someone who may own it).
 */
public class Staff {

	private final Map<String, Set<Role>> rolesByName = new LinkedHashMap<>();

	private final Map<String, String> nameByKeyHash = new LinkedHashMap<>();

	Staff(SecurityProperties properties) {
		for (SecurityProperties.User user : properties.effectiveUsers()) {
			Set<Role> roles = EnumSet.noneOf(Role.class);
			user.roles().forEach((role) -> roles.add(Role.fromWire(role)));
			this.rolesByName.put(user.name(), Set.copyOf(roles));
			user.apiKeySha256().forEach((hash) -> this.nameByKeyHash.put(SecurityProperties.normalized(hash), user.name()));
		}
	}

	/** The roles of a user, empty when there is no such user. */
	public Set<Role> rolesOf(String name) {
		return this.rolesByName.getOrDefault(name, Set.of());
	}

	/** The user an API key belongs to. */
	Optional<String> userWithKey(String apiKey) {
		// Looked up by hash: the keys themselves are never kept, and a hash table lookup on the
		// hash of the caller's input reveals nothing useful about the stored hashes.
		return Optional.ofNullable(this.nameByKeyHash.get(sha256(apiKey)));
	}

	boolean isEmpty() {
		return this.rolesByName.isEmpty();
	}

	static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
