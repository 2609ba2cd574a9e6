package io.feedbackloop.notification.acknowledgement;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

import io.feedbackloop.contracts.ComplaintRouted;
import org.jspecify.annotations.Nullable;

/**
 * The values of the acknowledgement's variables for one complaint. Times are shown in the customers'
 * time zone; the promised hours come from the event (due time minus receipt), so that the text
 * always agrees with the promise the router made.
 */
final class AcknowledgementVariables {

	static final String NAME = "name";

	static final String REFERENCE = "reference";

	static final String DUE_TIME = "dueTime";

	static final String REPLY_HOURS = "replyHours";

	private static final Map<String, String> ANONYMOUS = Map.of("zh", "尊敬的客户", "en", "customer");

	private final ZoneId zone;

	private final Map<String, DateTimeFormatter> formats;

	AcknowledgementVariables(ZoneId zone) {
		this.zone = zone;
		this.formats = Map.of("zh", DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINESE).withZone(zone),
				"en", DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm '('VV')'", Locale.ENGLISH).withZone(zone));
	}

	Map<String, String> of(ComplaintRouted complaint, String language) {
		return Map.of(NAME, name(complaint.contact().name(), language), REFERENCE, complaint.caseId().value(),
				DUE_TIME, dueTime(complaint.firstResponseDueAt(), language), REPLY_HOURS,
				String.valueOf(replyHours(complaint.receivedAt(), complaint.firstResponseDueAt())));
	}

	String dueTime(Instant due, String language) {
		DateTimeFormatter format = this.formats.get(language);
		if (format == null) {
			format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
				.withLocale(Locale.forLanguageTag(language))
				.withZone(this.zone);
		}
		return format.format(due);
	}

	/**
	 * The promise in whole hours, rounded up: rounding down would promise the customer an earlier
	 * answer than the team committed to, while the due time shown beside it stays exact.
	 */
	static long replyHours(Instant received, Instant due) {
		Duration promise = Duration.between(received, due);
		if (promise.isNegative() || promise.isZero()) {
			return 1;
		}
		long hours = promise.toHours();
		return promise.minusHours(hours).isZero() ? hours : hours + 1;
	}

	private static String name(@Nullable String name, String language) {
		if (name == null || name.isBlank()) {
			return ANONYMOUS.getOrDefault(language, ANONYMOUS.get("en"));
		}
		return name.strip();
	}

}
