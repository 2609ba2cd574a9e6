package io.feedbackloop.notification.pacing;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.notification.pacing.*}: how often and when customers hear from us.
 *
 * @param quietFrom start of the night in the customer's time zone: no message then, unless exempt
 * @param quietUntil end of the night; deferred messages go out from then on
 * @param exemptTemplates templates that are neither kept back at night nor counted against the daily
 * cap: answers to something the customer has just done, such as the acknowledgement of receipt
 * @param dailyCap at most this many other messages per customer and (local) day; the rest wait for
 * the next morning
 * @param timeZonesByCallingCode the time zone of customers whose phone number starts with a calling
 * code, such as {@code "+44": Europe/London}; the longest match wins, the others are in
 * {@code feedbackloop.notification.time-zone}
 */
@ConfigurationProperties("feedbackloop.notification.pacing")
public record PacingProperties(@DefaultValue("21:00") LocalTime quietFrom, @DefaultValue("08:00") LocalTime quietUntil,
		@DefaultValue("acknowledgement") Set<String> exemptTemplates, @DefaultValue("5") int dailyCap,
		@DefaultValue Map<String, ZoneId> timeZonesByCallingCode) {

	public PacingProperties {
		if (dailyCap < 1) {
			throw new IllegalArgumentException("feedbackloop.notification.pacing.daily-cap must be at least 1");
		}
		exemptTemplates = Set.copyOf(exemptTemplates);
		timeZonesByCallingCode = Map.copyOf(timeZonesByCallingCode);
		timeZonesByCallingCode.keySet().forEach((code) -> {
			if (!code.matches("\\+[1-9][0-9]{0,3}")) {
				throw new IllegalArgumentException("feedbackloop.notification.pacing.time-zones-by-calling-code: '"
						+ code + "' is not a calling code such as +44");
			}
		});
	}

	/** Whether the template is held back at night and counted against the daily cap. */
	public boolean paces(String template) {
		return !this.exemptTemplates.contains(template);
	}

}
