package io.feedbackloop.notification.pacing;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The time zone a customer lives in, from the calling code of their phone number; customers
 * without a configured code (or without a number) are in the service's time zone.
 */
public final class CustomerTimeZones {

	private final ZoneId defaultZone;

	private final List<Map.Entry<String, ZoneId>> byLongestCode;

	public CustomerTimeZones(ZoneId defaultZone, Map<String, ZoneId> byCallingCode) {
		this.defaultZone = defaultZone;
		this.byLongestCode = byCallingCode.entrySet()
			.stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, ZoneId> entry) -> entry.getKey().length()).reversed())
			.toList();
	}

	public ZoneId zoneOf(@Nullable String phone) {
		if (phone == null) {
			return this.defaultZone;
		}
		String number = phone.strip();
		return this.byLongestCode.stream()
			.filter((entry) -> number.startsWith(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(this.defaultZone);
	}

}
