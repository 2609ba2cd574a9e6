package io.feedbackloop.router.sla.calendar;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A business calendar as configured under {@code feedbackloop.sla.calendars.<id>}.
 *
 * @param zone the department's time zone, such as {@code Asia/Shanghai} or {@code Europe/London}
 * @param hours working hours per weekday as {@code HH:mm-HH:mm} ranges ({@code 24:00} ends a day);
 * a weekday without an entry is not worked
 * @param holidays public holidays as {@code yyyy-MM-dd} or inclusive ranges {@code yyyy-MM-dd..yyyy-MM-dd}
 * @param specialDays dates worked with their own hours, such as a make-up working day (调休) on a weekend
 * @param closures one-off closures between two local date-times, such as a typhoon afternoon
 */
public record CalendarDefinition(ZoneId zone, Map<DayOfWeek, List<String>> hours,
		@DefaultValue List<String> holidays, @DefaultValue List<SpecialDay> specialDays,
		@DefaultValue List<Closure> closures) {

	/**
	 * @param date {@code yyyy-MM-dd}
	 * @param hours the working hours of that date
	 */
	public record SpecialDay(String date, List<String> hours) {

	}

	/**
	 * @param from local date-time {@code yyyy-MM-ddTHH:mm} in the calendar's zone, inclusive
	 * @param to local date-time, exclusive
	 * @param reason why, for the people reading the configuration
	 */
	public record Closure(String from, String to, @Nullable String reason) {

	}

}
