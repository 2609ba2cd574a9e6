package io.feedbackloop.router.sla;

import java.util.LinkedHashMap;
import java.util.Map;

import io.feedbackloop.router.sla.calendar.BusinessCalendar;
import io.feedbackloop.router.sla.calendar.CalendarDefinition;
import io.feedbackloop.router.sla.calendar.WorkingTime;

/** The business calendars and which department works by which, checked at start-up. */
class Calendars {

	private final Map<String, BusinessCalendar> byId;

	private final Map<String, String> departmentCalendars;

	private final String defaultCalendar;

	Calendars(Map<String, CalendarDefinition> definitions, Map<String, String> departmentCalendars,
			String defaultCalendar) {
		if (definitions == null || definitions.isEmpty()) {
			throw new IllegalArgumentException("feedbackloop.sla.calendars must define at least one calendar");
		}
		Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
		definitions.forEach((id, definition) -> calendars.put(id, BusinessCalendar.of(id, definition)));
		if (defaultCalendar == null || !calendars.containsKey(defaultCalendar)) {
			throw new IllegalArgumentException("feedbackloop.sla.default-calendar '" + defaultCalendar
					+ "' is not one of the calendars " + calendars.keySet());
		}
		departmentCalendars.forEach((department, calendar) -> {
			if (!calendars.containsKey(calendar)) {
				throw new IllegalArgumentException("feedbackloop.sla.department-calendars." + department
						+ " names calendar '" + calendar + "', which is not one of " + calendars.keySet());
			}
		});
		this.byId = Map.copyOf(calendars);
		this.departmentCalendars = Map.copyOf(departmentCalendars);
		this.defaultCalendar = defaultCalendar;
	}

	/** Changes whenever a calendar or a department's calendar changes. */
	String fingerprint() {
		StringBuilder text = new StringBuilder();
		new java.util.TreeMap<>(this.byId).forEach((id, calendar) -> text.append(id).append('=')
			.append(calendar.fingerprint()).append(';'));
		text.append(new java.util.TreeMap<>(this.departmentCalendars)).append(this.defaultCalendar);
		return PolicyCatalog.digest(text.toString());
	}

	BusinessCalendar forDepartment(String department) {
		return this.byId.get(this.departmentCalendars.getOrDefault(department, this.defaultCalendar));
	}

	/** The time a timer counts: wall-clock, or its department's working hours. */
	WorkingTime workingTime(ClockKind clock, String department) {
		return (clock == ClockKind.WALL) ? WorkingTime.WALL_CLOCK : forDepartment(department);
	}

}
