package io.feedbackloop.ingest.intake;

import java.util.List;
import java.util.regex.Pattern;

import io.feedbackloop.ingest.intake.InvalidFeedbackException.FieldError;
import org.jspecify.annotations.Nullable;

/** What a client may use as an idempotency key: 1 to 255 visible ASCII characters (a UUID is typical). */
final class IdempotencyKeys {

	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private IdempotencyKeys() {
	}

	/** @throws InvalidFeedbackException when the key is not acceptable */
	static @Nullable String checked(@Nullable String key, String field) {
		if (key == null) {
			return null;
		}
		if (!KEY.matcher(key).matches()) {
			throw new InvalidFeedbackException(null,
					List.of(new FieldError(field, "must be 1 to 255 visible ASCII characters, such as a UUID")));
		}
		return key;
	}

}
