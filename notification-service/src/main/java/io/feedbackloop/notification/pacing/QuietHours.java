package io.feedbackloop.notification.pacing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The night in a customer's time zone, such as 21:00 to 08:00: a window that may span midnight.
 * Equal bounds mean no night at all.
 */
public final class QuietHours {

	private final LocalTime from;

	private final LocalTime until;

	public QuietHours(LocalTime from, LocalTime until) {
		this.from = from;
		this.until = until;
	}

	public boolean isQuiet(Instant now, ZoneId zone) {
		if (this.from.equals(this.until)) {
			return false;
		}
		LocalTime local = now.atZone(zone).toLocalTime();
		if (this.from.isBefore(this.until)) {
			return !local.isBefore(this.from) && local.isBefore(this.until);
		}
		return !local.isBefore(this.from) || local.isBefore(this.until);
	}

	/** The first instant from {@code now} on that is not quiet: {@code now} itself outside the night. */
	public Instant nextAllowed(Instant now, ZoneId zone) {
		if (!isQuiet(now, zone)) {
			return now;
		}
		ZonedDateTime local = now.atZone(zone);
		LocalDate day = local.toLocalTime().isBefore(this.until) ? local.toLocalDate()
				: local.toLocalDate().plusDays(1);
		// atZone moves a time that falls in a daylight-saving gap forward, never back into the night.
		return day.atTime(this.until).atZone(zone).toInstant();
	}

}
