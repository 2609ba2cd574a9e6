package io.feedbackloop.router.sla.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A department's working time: hours per weekday in its own time zone, public holidays, special days
 * with their own hours (make-up working days) and one-off closures. Local working hours are turned
 * into instants date by date with the zone's rules, so a day on which daylight saving starts or ends
 * has as many working hours as the wall clock really shows (a 00:00-06:00 shift in London is five
 * hours on the last Sunday of March, seven on the last Sunday of October).
 */
public final class BusinessCalendar implements WorkingTime {

	/** Searching further than this for working time means the calendar has none: a configuration error. */
	private static final int MAX_DAYS = 3 * 366;

	private static final int MINUTES_PER_DAY = 24 * 60;

	private final String id;

	private final ZoneId zone;

	private final Map<DayOfWeek, List<Hours>> weekly;

	private final Set<LocalDate> holidays;

	private final Map<LocalDate, List<Hours>> specialDays;

	private final List<Span> closures;

	private final String fingerprint;

	private final Map<LocalDate, List<Span>> cache = new ConcurrentHashMap<>();

	private BusinessCalendar(String id, ZoneId zone, Map<DayOfWeek, List<Hours>> weekly, Set<LocalDate> holidays,
			Map<LocalDate, List<Hours>> specialDays, List<Span> closures) {
		this.id = id;
		this.zone = zone;
		this.weekly = weekly;
		this.holidays = holidays;
		this.specialDays = specialDays;
		this.closures = closures;
		this.fingerprint = digest(zone + "|" + weekly + "|" + holidays + "|" + specialDays + "|" + closures);
		if (weekly.values().stream().allMatch(List::isEmpty) && specialDays.isEmpty()) {
			throw new IllegalArgumentException(path(id, "hours") + " has no working hours on any day");
		}
	}

	/**
	 * Reads a configured calendar.
	 * @throws IllegalArgumentException naming the property that is wrong and why
	 */
	public static BusinessCalendar of(String id, CalendarDefinition definition) {
		if (definition.zone() == null) {
			throw new IllegalArgumentException(path(id, "zone") + " is required, such as Asia/Shanghai");
		}
		if (definition.hours() == null) {
			throw new IllegalArgumentException(path(id, "hours") + " is required, such as monday: [09:00-18:00]");
		}
		Map<DayOfWeek, List<Hours>> weekly = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			List<String> ranges = definition.hours().get(day);
			weekly.put(day, (ranges != null) ? Hours.parseAll(ranges, path(id, "hours." + day.name().toLowerCase()))
					: List.of());
		}
		Set<LocalDate> holidays = new TreeSet<>();
		for (int i = 0; i < definition.holidays().size(); i++) {
			holidays.addAll(dates(definition.holidays().get(i), path(id, "holidays[" + i + "]")));
		}
		Map<LocalDate, List<Hours>> specialDays = new TreeMap<>();
		for (int i = 0; i < definition.specialDays().size(); i++) {
			CalendarDefinition.SpecialDay special = definition.specialDays().get(i);
			String where = path(id, "special-days[" + i + "]");
			LocalDate date = date(special.date(), where + ".date");
			if (holidays.contains(date)) {
				throw new IllegalArgumentException(where + ".date " + date + " is also listed as a holiday");
			}
			specialDays.put(date, Hours.parseAll((special.hours() != null) ? special.hours() : List.of(),
					where + ".hours"));
		}
		List<Span> closures = new ArrayList<>();
		for (int i = 0; i < definition.closures().size(); i++) {
			CalendarDefinition.Closure closure = definition.closures().get(i);
			String where = path(id, "closures[" + i + "]");
			Instant from = localDateTime(closure.from(), where + ".from").atZone(definition.zone()).toInstant();
			Instant to = localDateTime(closure.to(), where + ".to").atZone(definition.zone()).toInstant();
			if (!to.isAfter(from)) {
				throw new IllegalArgumentException(where + " ends (" + closure.to() + ") before it starts ("
						+ closure.from() + ")");
			}
			closures.add(new Span(from, to));
		}
		closures.sort(Comparator.comparing(Span::from));
		return new BusinessCalendar(id, definition.zone(), weekly, holidays, specialDays, List.copyOf(closures));
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String fingerprint() {
		return this.fingerprint;
	}

	public ZoneId zone() {
		return this.zone;
	}

	@Override
	public Instant plus(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("amount must not be negative: " + amount);
		}
		if (amount.isZero()) {
			return start;
		}
		Duration remaining = amount;
		LocalDate date = start.atZone(this.zone).toLocalDate();
		for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
			for (Span span : workingSpans(date)) {
				Instant from = span.from().isAfter(start) ? span.from() : start;
				if (!span.to().isAfter(from)) {
					continue;
				}
				Duration available = Duration.between(from, span.to());
				if (remaining.compareTo(available) <= 0) {
					return from.plus(remaining);
				}
				remaining = remaining.minus(available);
			}
		}
		throw new IllegalStateException("calendar " + this.id + " has no working time left within " + MAX_DAYS
				+ " days after " + start);
	}

	@Override
	public Duration between(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		Duration total = Duration.ZERO;
		LocalDate last = to.atZone(this.zone).toLocalDate();
		for (LocalDate date = from.atZone(this.zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
			for (Span span : workingSpans(date)) {
				Instant start = span.from().isAfter(from) ? span.from() : from;
				Instant end = span.to().isBefore(to) ? span.to() : to;
				if (end.isAfter(start)) {
					total = total.plus(Duration.between(start, end));
				}
			}
		}
		return total;
	}

	/** The working spans of a local date as instants, in order, closures taken out. */
	List<Span> workingSpans(LocalDate date) {
		List<Span> spans = this.cache.get(date);
		if (spans == null) {
			spans = computeSpans(date);
			if (this.cache.size() > 4096) {
				this.cache.clear();
			}
			this.cache.put(date, spans);
		}
		return spans;
	}

	private List<Span> computeSpans(LocalDate date) {
		List<Hours> hours;
		if (this.specialDays.containsKey(date)) {
			hours = this.specialDays.get(date);
		}
		else if (this.holidays.contains(date)) {
			hours = List.of();
		}
		else {
			hours = this.weekly.get(date.getDayOfWeek());
		}
		List<Span> spans = new ArrayList<>();
		for (Hours range : hours) {
			Instant from = localInstant(date, range.startMinute());
			Instant to = localInstant(date, range.endMinute());
			if (to.isAfter(from)) {
				spans.addAll(withoutClosures(new Span(from, to)));
			}
		}
		return List.copyOf(spans);
	}

	// A local time that does not exist (inside the spring-forward gap) moves forward by the gap, one
	// that exists twice (autumn) takes the earlier offset: java.time's ZonedDateTime rules.
	private Instant localInstant(LocalDate date, int minuteOfDay) {
		if (minuteOfDay == MINUTES_PER_DAY) {
			return date.plusDays(1).atStartOfDay(this.zone).toInstant();
		}
		return date.atTime(LocalTime.ofSecondOfDay(minuteOfDay * 60L)).atZone(this.zone).toInstant();
	}

	private List<Span> withoutClosures(Span span) {
		List<Span> parts = List.of(span);
		for (Span closure : this.closures) {
			List<Span> next = new ArrayList<>();
			for (Span part : parts) {
				if (!closure.from().isBefore(part.to()) || !closure.to().isAfter(part.from())) {
					next.add(part);
					continue;
				}
				if (closure.from().isAfter(part.from())) {
					next.add(new Span(part.from(), closure.from()));
				}
				if (closure.to().isBefore(part.to())) {
					next.add(new Span(closure.to(), part.to()));
				}
			}
			parts = next;
		}
		return parts;
	}

	@Override
	public String toString() {
		return "calendar " + this.id + " (" + this.zone + ")";
	}

	private static String path(String id, String field) {
		return "feedbackloop.sla.calendars." + id + "." + field;
	}

	private static List<LocalDate> dates(String value, String where) {
		int dots = value.indexOf("..");
		if (dots < 0) {
			return List.of(date(value, where));
		}
		LocalDate first = date(value.substring(0, dots), where);
		LocalDate last = date(value.substring(dots + 2), where);
		if (last.isBefore(first)) {
			throw new IllegalArgumentException(where + " '" + value + "' ends before it starts");
		}
		return first.datesUntil(last.plusDays(1)).toList();
	}

	private static LocalDate date(String value, String where) {
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeException | NullPointerException ex) {
			throw new IllegalArgumentException(where + " '" + value + "' is not a date like 2026-10-01");
		}
	}

	private static LocalDateTime localDateTime(String value, String where) {
		try {
			return LocalDateTime.parse(value.trim());
		}
		catch (DateTimeException | NullPointerException ex) {
			throw new IllegalArgumentException(where + " '" + value + "' is not a local date-time like 2026-09-15T14:00");
		}
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A stretch of working time, {@code [from, to)}. */
	record Span(Instant from, Instant to) {

		Span {
			Objects.requireNonNull(from);
			Objects.requireNonNull(to);
		}

	}

	/** Working hours within a day, in minutes of the local day; the end may be 24:00. */
	record Hours(int startMinute, int endMinute) {

		static List<Hours> parseAll(List<String> ranges, String where) {
			List<Hours> hours = new ArrayList<>();
			for (int i = 0; i < ranges.size(); i++) {
				hours.add(parse(ranges.get(i), where + "[" + i + "]"));
			}
			hours.sort(Comparator.comparingInt(Hours::startMinute));
			for (int i = 1; i < hours.size(); i++) {
				if (hours.get(i).startMinute() < hours.get(i - 1).endMinute()) {
					throw new IllegalArgumentException(where + " has overlapping ranges " + hours.get(i - 1) + " and "
							+ hours.get(i));
				}
			}
			return List.copyOf(hours);
		}

		static Hours parse(String range, String where) {
			String[] parts = (range != null) ? range.trim().split("-") : new String[0];
			if (parts.length != 2) {
				throw new IllegalArgumentException(where + " '" + range + "' is not a range like 09:00-18:00");
			}
			int start = minute(parts[0], where, range);
			int end = minute(parts[1], where, range);
			if (end <= start) {
				throw new IllegalArgumentException(where + " '" + range + "' ends before it starts");
			}
			return new Hours(start, end);
		}

		private static int minute(String time, String where, String range) {
			if ("24:00".equals(time.trim())) {
				return MINUTES_PER_DAY;
			}
			try {
				LocalTime local = LocalTime.parse(time.trim());
				return local.getHour() * 60 + local.getMinute();
			}
			catch (DateTimeException ex) {
				throw new IllegalArgumentException(where + " '" + range + "' has a time that is not HH:mm: " + time);
			}
		}

		@Override
		public String toString() {
			return String.format("%02d:%02d-%02d:%02d", this.startMinute / 60, this.startMinute % 60,
					this.endMinute / 60, this.endMinute % 60);
		}

	}

}
