package io.feedbackloop.notification.templates;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * How a time is written in a message: in the reader's time zone and language
 * ({@code 2026年11月23日 16:30}, {@code 23 Nov 2026, 16:30 (Asia/Shanghai)}).
 */
public final class LocalTimes {

	private static final Map<String, DateTimeFormatter> FORMATS = Map.of("zh",
			DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINESE), "en",
			DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm '('VV')'", Locale.ENGLISH));

	private LocalTimes() {
	}

	public static String format(Instant time, String language, ZoneId zone) {
		DateTimeFormatter format = FORMATS.get(language);
		if (format == null) {
			format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
				.withLocale(Locale.forLanguageTag(language));
		}
		return format.withZone(zone).format(time);
	}

}
