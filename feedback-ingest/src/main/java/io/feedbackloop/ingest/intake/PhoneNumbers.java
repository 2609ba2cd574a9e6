package io.feedbackloop.ingest.intake;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers to E.164 with libphonenumber: {@code +86 138-0013-8000}, {@code (0086) 13800138000}
 * and, in region CN, {@code 13800138000} all become {@code +8613800138000}. Only numbers that are
 * valid for their region pass, so that an acknowledgement SMS is not sent to a typo.
 */
final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	PhoneNumbers(String defaultRegion) {
		if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
			throw new IllegalArgumentException("feedbackloop.ingest.default-region '" + defaultRegion
					+ "' is not a region libphonenumber knows (ISO 3166 code such as CN)");
		}
		this.defaultRegion = defaultRegion;
	}

	String defaultRegion() {
		return this.defaultRegion;
	}

	/** The number in E.164, or empty when it is not a valid number. */
	Optional<String> toE164(String raw) {
		if (raw.length() > 40) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(raw, this.defaultRegion);
			if (!UTIL.isValidNumber(number)) {
				return Optional.empty();
			}
			return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
