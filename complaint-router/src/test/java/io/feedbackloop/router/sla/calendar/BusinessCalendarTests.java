package io.feedbackloop.router.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessCalendarTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final List<String> OFFICE_DAY = List.of("09:00-12:00", "13:30-18:00");

	/** 客服中心: weekdays with a lunch break, Saturday mornings, National Day week off, 10 October worked. */
	private static final BusinessCalendar SERVICE_CENTRE = BusinessCalendar.of("cn-service-centre",
			new CalendarDefinition(SHANGHAI, weekdays(OFFICE_DAY, List.of("09:00-12:00")),
					List.of("2026-10-01..2026-10-07"),
					List.of(new CalendarDefinition.SpecialDay("2026-10-10", OFFICE_DAY)),
					List.of(new CalendarDefinition.Closure("2026-09-15T14:00", "2026-09-16T09:00", "typhoon"))));

	private static final BusinessCalendar UK_SUPPORT = BusinessCalendar.of("uk-support", new CalendarDefinition(LONDON,
			weekdays(List.of("09:00-17:00"), null), List.of("2026-12-25"), List.of(), List.of()));

	@ParameterizedTest(name = "{0} + {1} business → {2}")
	@CsvSource({
			// start (Shanghai local)  , hours, due (Shanghai local)
			"2026-11-23T10:00, PT1H    , 2026-11-23T11:00", // within the morning
			"2026-11-23T11:30, PT1H    , 2026-11-23T14:00", // across the lunch break
			"2026-11-23T17:00, PT2H    , 2026-11-24T10:00", // overnight
			"2026-11-23T20:00, PT1H    , 2026-11-24T10:00", // started after hours
			"2026-11-27T17:00, PT2H    , 2026-11-28T10:00", // Friday evening into Saturday morning
			"2026-11-28T11:00, PT2H    , 2026-11-30T10:00", // Saturday noon, Sunday off, into Monday
			"2026-09-30T17:00, PT2H    , 2026-10-08T10:00", // National Day week is a holiday
			"2026-10-09T17:00, PT2H    , 2026-10-10T10:00", // Saturday 10 October is a make-up working day
			"2026-09-15T13:30, PT2H    , 2026-09-16T10:30", // typhoon closure from 14:00 to next morning
			"2026-11-23T08:00, PT12H   , 2026-11-24T15:00" // 12 business hours: 7.5 h, then 3 h + 1.5 h
	})
	void businessHoursLandWhereTheTeamWorks(String start, Duration amount, String due) {
		Instant from = local(start, SHANGHAI);

		Instant result = SERVICE_CENTRE.plus(from, amount);

		assertThat(result).isEqualTo(local(due, SHANGHAI));
		assertThat(SERVICE_CENTRE.between(from, result)).isEqualTo(amount);
	}

	@Test
	void shanghaiHoursAreUtcPlusEightAllYear() {
		assertThat(SERVICE_CENTRE.plus(Instant.parse("2026-01-05T01:00:00Z"), Duration.ofHours(1)))
			.isEqualTo(Instant.parse("2026-01-05T02:00:00Z"));
		assertThat(SERVICE_CENTRE.plus(Instant.parse("2026-07-06T01:00:00Z"), Duration.ofHours(1)))
			.isEqualTo(Instant.parse("2026-07-06T02:00:00Z"));
	}

	@Test
	void londonWorkingHoursFollowTheClocksAcrossTheSpringChange() {
		// Friday 27 March 16:00 GMT; clocks go forward on Sunday 29 March; Monday 09:00 is 08:00 UTC.
		Instant friday = Instant.parse("2026-03-27T16:00:00Z");

		Instant due = UK_SUPPORT.plus(friday, Duration.ofHours(2));

		assertThat(due).isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
		assertThat(due.atZone(LONDON).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-30T10:00"));
	}

	@Test
	void londonWorkingHoursFollowTheClocksAcrossTheAutumnChange() {
		// Friday 23 October 16:00 BST (15:00 UTC); clocks go back on Sunday 25 October.
		Instant due = UK_SUPPORT.plus(Instant.parse("2026-10-23T15:00:00Z"), Duration.ofHours(2));

		assertThat(due).isEqualTo(Instant.parse("2026-10-26T10:00:00Z"));
	}

	@Test
	void aShiftAcrossTheDaylightSavingChangeHasTheHoursTheClockShows() {
		Map<DayOfWeek, List<String>> night = new EnumMap<>(DayOfWeek.class);
		night.put(DayOfWeek.SUNDAY, List.of("00:00-06:00"));
		BusinessCalendar nightShift = BusinessCalendar.of("night", new CalendarDefinition(LONDON, night, List.of(),
				List.of(), List.of()));

		Duration spring = nightShift.between(Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"));
		Duration autumn = nightShift.between(Instant.parse("2026-10-24T12:00:00Z"), Instant.parse("2026-10-26T00:00:00Z"));

		assertThat(spring).isEqualTo(Duration.ofHours(5));
		assertThat(autumn).isEqualTo(Duration.ofHours(7));
		// 00:00 GMT + 5 h of shift = 06:00 BST.
		assertThat(nightShift.plus(Instant.parse("2026-03-29T00:00:00Z"), Duration.ofHours(5)))
			.isEqualTo(Instant.parse("2026-03-29T05:00:00Z"));
	}

	@Test
	void aHolidayAndAWeekendAddUp() {
		// Thursday 24 December 16:00 GMT; Friday 25th is a holiday, then the weekend.
		Instant due = UK_SUPPORT.plus(Instant.parse("2026-12-24T16:00:00Z"), Duration.ofHours(2));

		assertThat(due).isEqualTo(Instant.parse("2026-12-28T10:00:00Z"));
	}

	@Test
	void countedTimeBetweenTwoInstantsLeavesOutNightsWeekendsAndLunch() {
		Instant mondayMorning = local("2026-11-23T09:00", SHANGHAI);
		Instant nextMonday = local("2026-11-30T09:00", SHANGHAI);

		assertThat(SERVICE_CENTRE.between(mondayMorning, nextMonday)).isEqualTo(Duration.ofMinutes(5 * 450 + 180));
		assertThat(SERVICE_CENTRE.between(nextMonday, mondayMorning)).isZero();
	}

	@Test
	void zeroAmountIsTheStartItselfEvenOutsideWorkingHours() {
		Instant sundayNight = local("2026-11-29T23:00", SHANGHAI);

		assertThat(SERVICE_CENTRE.plus(sundayNight, Duration.ZERO)).isEqualTo(sundayNight);
	}

	@Test
	void fingerprintChangesWithTheDefinitionAndOnlyThen() {
		BusinessCalendar same = BusinessCalendar.of("uk-support", new CalendarDefinition(LONDON,
				weekdays(List.of("09:00-17:00"), null), List.of("2026-12-25"), List.of(), List.of()));
		BusinessCalendar withBoxingDay = BusinessCalendar.of("uk-support", new CalendarDefinition(LONDON,
				weekdays(List.of("09:00-17:00"), null), List.of("2026-12-25", "2026-12-28"), List.of(), List.of()));

		assertThat(same.fingerprint()).isEqualTo(UK_SUPPORT.fingerprint());
		assertThat(withBoxingDay.fingerprint()).isNotEqualTo(UK_SUPPORT.fingerprint());
	}

	@Test
	void overlappingRangesAreRejectedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessCalendar.of("x", new CalendarDefinition(SHANGHAI,
					weekdays(List.of("09:00-12:00", "11:00-18:00"), null), List.of(), List.of(), List.of())))
			.withMessageContaining("feedbackloop.sla.calendars.x.hours.monday")
			.withMessageContaining("overlapping");
	}

	@Test
	void malformedTimesDatesAndClosuresAreRejectedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessCalendar.of("x", new CalendarDefinition(SHANGHAI,
					weekdays(List.of("9am-6pm"), null), List.of(), List.of(), List.of())))
			.withMessageContaining("feedbackloop.sla.calendars.x.hours.monday[0] '9am-6pm'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessCalendar.of("x", new CalendarDefinition(SHANGHAI,
					weekdays(OFFICE_DAY, null), List.of("2026-13-01"), List.of(), List.of())))
			.withMessageContaining("feedbackloop.sla.calendars.x.holidays[0] '2026-13-01'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessCalendar.of("x", new CalendarDefinition(SHANGHAI, weekdays(OFFICE_DAY, null),
					List.of(), List.of(), List.of(new CalendarDefinition.Closure("2026-09-16T09:00", "2026-09-15T14:00",
							null)))))
			.withMessageContaining("feedbackloop.sla.calendars.x.closures[0] ends");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessCalendar.of("x", new CalendarDefinition(SHANGHAI, weekdays(OFFICE_DAY, null),
					List.of("2026-10-10"), List.of(new CalendarDefinition.SpecialDay("2026-10-10", OFFICE_DAY)),
					List.of())))
			.withMessageContaining("also listed as a holiday");
	}

	@Test
	void aCalendarWithoutWorkingHoursIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BusinessCalendar.of("closed", new CalendarDefinition(SHANGHAI,
					new EnumMap<>(DayOfWeek.class), List.of(), List.of(), List.of())))
			.withMessageContaining("feedbackloop.sla.calendars.closed.hours has no working hours");
	}

	private static Instant local(String dateTime, ZoneId zone) {
		return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
	}

	private static Map<DayOfWeek, List<String>> weekdays(List<String> hours, List<String> saturday) {
		Map<DayOfWeek, List<String>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(day, hours);
		}
		if (saturday != null) {
			week.put(DayOfWeek.SATURDAY, saturday);
		}
		return week;
	}

}
