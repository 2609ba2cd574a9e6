package io.feedbackloop.router.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * The version an update was based on, from the {@code If-Match} header (the ETag of the last read,
 * {@code "7"}) or the body's {@code version} field. Every update must name one: an update that does
 * not say what it saw could overwrite a change it never saw.
 */
public final class ExpectedVersion {

	private ExpectedVersion() {
	}

	/** The ETag for a version. */
	public static String etag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * @throws ApiProblemException {@code 428} when neither is given
	 * @throws InvalidRequestException when the header is not an ETag of ours or the two disagree
	 */
	public static long of(@Nullable String ifMatch, @Nullable Long bodyVersion) {
		Long fromHeader = (ifMatch != null) ? parse(ifMatch) : null;
		if (fromHeader != null && bodyVersion != null && !fromHeader.equals(bodyVersion)) {
			throw new InvalidRequestException("If-Match says version " + fromHeader + " but the body says "
					+ bodyVersion + ".", List.of(new FieldError("version", "differs from If-Match " + ifMatch)));
		}
		Long version = (fromHeader != null) ? fromHeader : bodyVersion;
		if (version == null) {
			throw new ApiProblemException(HttpStatus.PRECONDITION_REQUIRED, "version-required", "Version required",
					"Updates must say which version they are based on: send If-Match with the ETag of your last "
							+ "read, or a version field.",
					Map.of());
		}
		return version;
	}

	private static long parse(String ifMatch) {
		String value = ifMatch.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("If-Match " + ifMatch + " is not an ETag of this service.",
					List.of(new FieldError("If-Match", "must be the ETag of the case, such as \"3\"")));
		}
	}

}
