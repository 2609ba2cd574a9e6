package io.feedbackloop.churn.profile;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one event changes in a customer profile, in terms that commute: counters to increment,
 * instants of which the earliest or latest is kept, and values to set. Applied by
 * {@link ProfileStore#apply} in one atomic write together with the record that the event was applied.
 */
public final class ProfileChange {

	private final Map<String, Long> increments = new LinkedHashMap<>();

	private final Map<String, Instant> earliest = new LinkedHashMap<>();

	private final Map<String, Instant> latest = new LinkedHashMap<>();

	private final Map<String, String> values = new LinkedHashMap<>();

	ProfileChange increment(String field) {
		this.increments.merge(field, 1L, Long::sum);
		return this;
	}

	ProfileChange earliest(String field, Instant at) {
		this.earliest.put(field, at);
		return this;
	}

	ProfileChange latest(String field, Instant at) {
		this.latest.put(field, at);
		return this;
	}

	ProfileChange set(String field, String value) {
		this.values.put(field, value);
		return this;
	}

	Map<String, Long> increments() {
		return Collections.unmodifiableMap(this.increments);
	}

	Map<String, Instant> earliest() {
		return Collections.unmodifiableMap(this.earliest);
	}

	Map<String, Instant> latest() {
		return Collections.unmodifiableMap(this.latest);
	}

	Map<String, String> values() {
		return Collections.unmodifiableMap(this.values);
	}

	@Override
	public String toString() {
		return "ProfileChange[increments=" + this.increments + ", earliest=" + this.earliest + ", latest="
				+ this.latest + ", values=" + this.values + "]";
	}

}
