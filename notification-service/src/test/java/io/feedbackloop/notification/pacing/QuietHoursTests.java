package io.feedbackloop.notification.pacing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

	@ParameterizedTest(name = "{0} in Shanghai -> next allowed {1}")
	@CsvSource(textBlock = """
			2026-11-23T20:59, 2026-11-23T20:59
			2026-11-23T21:00, 2026-11-24T08:00
			2026-11-23T23:30, 2026-11-24T08:00
			2026-11-24T00:00, 2026-11-24T08:00
			2026-11-24T07:59, 2026-11-24T08:00
			2026-11-24T08:00, 2026-11-24T08:00
			2026-11-24T12:00, 2026-11-24T12:00
			""")
	void messageDueAtNightWaitsForTheMorningInTheCustomersZone(LocalDateTime due, LocalDateTime allowed) {
		Instant at = due.atZone(SHANGHAI).toInstant();
		assertThat(this.night.nextAllowed(at, SHANGHAI)).isEqualTo(allowed.atZone(SHANGHAI).toInstant());
		assertThat(this.night.isQuiet(at, SHANGHAI)).isEqualTo(!due.equals(allowed));
	}

	@Test
	void theSameInstantIsNightInShanghaiAndAfternoonInLondon() {
		Instant at = LocalDateTime.of(2026, 11, 23, 23, 0).atZone(SHANGHAI).toInstant();
		assertThat(this.night.isQuiet(at, SHANGHAI)).isTrue();
		assertThat(this.night.isQuiet(at, LONDON)).isFalse();
	}

	@Test
	void morningAfterTheSpringForwardNightIsEightOClockLocalTime() {
		Instant night = LocalDateTime.of(2027, 3, 28, 0, 30).atZone(LONDON).toInstant();
		assertThat(this.night.nextAllowed(night, LONDON))
			.isEqualTo(LocalDateTime.of(2027, 3, 28, 8, 0).atZone(LONDON).toInstant())
			.isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
	}

	@Test
	void windowWithinOneDayAndEmptyWindowWork() {
		QuietHours earlyMorning = new QuietHours(LocalTime.of(0, 0), LocalTime.of(7, 0));
		Instant lateEvening = LocalDateTime.of(2026, 11, 23, 23, 0).atZone(SHANGHAI).toInstant();
		Instant small = LocalDateTime.of(2026, 11, 24, 3, 0).atZone(SHANGHAI).toInstant();
		assertThat(earlyMorning.isQuiet(lateEvening, SHANGHAI)).isFalse();
		assertThat(earlyMorning.nextAllowed(small, SHANGHAI))
			.isEqualTo(LocalDateTime.of(2026, 11, 24, 7, 0).atZone(SHANGHAI).toInstant());
		assertThat(new QuietHours(LocalTime.NOON, LocalTime.NOON).isQuiet(small, SHANGHAI)).isFalse();
	}

	@Test
	void customersZoneComesFromTheLongestMatchingCallingCode() {
		CustomerTimeZones zones = new CustomerTimeZones(SHANGHAI,
				Map.of("+44", LONDON, "+852", ZoneId.of("Asia/Hong_Kong"), "+8", ZoneId.of("Asia/Tokyo")));
		assertThat(zones.zoneOf("+447700900123")).isEqualTo(LONDON);
		assertThat(zones.zoneOf("+85291234567")).isEqualTo(ZoneId.of("Asia/Hong_Kong"));
		assertThat(zones.zoneOf("+8613800138000")).isEqualTo(ZoneId.of("Asia/Tokyo"));
		assertThat(zones.zoneOf("+15551234567")).isEqualTo(SHANGHAI);
		assertThat(zones.zoneOf(null)).isEqualTo(SHANGHAI);
	}

}
