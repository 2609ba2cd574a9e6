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

	private final Map<String, Object> values = new LinkedHashMap<>();

	private final Map<String, Push> pushes = new LinkedHashMap<>();

	/** A value appended to a list that keeps only its newest {@code keep} entries. */
	record Push(Object value, int keep) {

	}

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

	ProfileChange increment(String field, long by) {
		this.increments.merge(field, by, Long::sum);
		return this;
	}

	ProfileChange set(String field, Object value) {
		this.values.put(field, value);
		return this;
	}

	ProfileChange push(String field, Object value, int keep) {
		this.pushes.put(field, new Push(value, keep));
		return this;
	}

	/** Whether the change changes nothing (the event is only recorded as applied). */
	boolean isEmpty() {
		return this.increments.isEmpty() && this.earliest.isEmpty() && this.latest.isEmpty() && this.values.isEmpty()
				&& this.pushes.isEmpty();
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

	Map<String, Object> values() {
		return Collections.unmodifiableMap(this.values);
	}

	Map<String, Push> pushes() {
		return Collections.unmodifiableMap(this.pushes);
	}

	@Override
	public String toString() {
		return "ProfileChange[increments=" + this.increments + ", earliest=" + this.earliest + ", latest="
				+ this.latest + ", values=" + this.values + ", pushes=" + this.pushes + "]";
	}

}
