package io.feedbackloop.ingest.intake;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.intake.InvalidFeedbackException.FieldError;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks a submission against the intake rules and normalises it. Collects every broken rule
 * instead of stopping at the first, so that a channel system can fix a record in one round trip.
 */
@Component
class FeedbackValidator {

	private static final String CHANNELS = "phone, sms, web, app";

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	/** Separators people type into phone numbers; removed before the E.164 check. */
	private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-().]");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final Clock clock;

	private final IngestProperties properties;

	FeedbackValidator(Clock clock, IngestProperties properties) {
		this.clock = clock;
		this.properties = properties;
	}

	/** @throws InvalidFeedbackException naming every invalid field */
	ValidFeedback validate(FeedbackSubmission submission) {
		List<FieldError> errors = new ArrayList<>();
		Channel channel = channel(submission.channel(), errors);
		String channelRecordId = required(submission.channelRecordId(), "channelRecordId", errors);
		CustomerId customerId = null;
		Contact contact = null;
		FeedbackSubmission.Customer customer = submission.customer();
		if (customer == null) {
			errors.add(new FieldError("customer", "is required"));
		}
		else {
			String id = required(customer.id(), "customer.id", errors);
			customerId = (id != null) ? new CustomerId(id) : null;
			contact = contact(customer, errors);
		}
		Instant occurredAt = occurredAt(submission.occurredAt(), errors);
		String text = text(submission.text(), errors);
		String language = language(submission.language(), text, errors);
		if (!errors.isEmpty() || channel == null || channelRecordId == null || customerId == null || contact == null
				|| occurredAt == null || text == null || language == null) {
			throw new InvalidFeedbackException(channel, errors);
		}
		return new ValidFeedback(channel, channelRecordId, customerId, contact, occurredAt, text, language);
	}

	private static @Nullable Channel channel(@Nullable String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError("channel", "is required; one of " + CHANNELS));
			return null;
		}
		try {
			return Channel.fromWire(value);
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError("channel", "is not a known channel; one of " + CHANNELS));
			return null;
		}
	}

	private static @Nullable Contact contact(FeedbackSubmission.Customer customer, List<FieldError> errors) {
		int before = errors.size();
		String phone = optional(customer.phone());
		if (phone != null) {
			phone = PHONE_SEPARATORS.matcher(phone).replaceAll("");
			if (!E164.matcher(phone).matches()) {
				errors.add(new FieldError("customer.phone", "must be an E.164 number such as +8613800138000"));
			}
		}
		String email = optional(customer.email());
		if (email != null && !EMAIL.matcher(email).matches()) {
			errors.add(new FieldError("customer.email", "must be an e-mail address"));
		}
		if (phone == null && email == null) {
			errors.add(new FieldError("customer", "needs a phone or an email, so that the customer can be answered"));
		}
		return (errors.size() == before) ? new Contact(optional(customer.name()), phone, email) : null;
	}

	private @Nullable Instant occurredAt(@Nullable String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError("occurredAt", "is required, as an RFC 3339 instant"));
			return null;
		}
		Instant occurredAt;
		try {
			occurredAt = Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError("occurredAt", "must be an RFC 3339 instant such as 2026-01-31T08:15:00Z"));
			return null;
		}
		if (occurredAt.isAfter(this.clock.instant().plus(this.properties.maxFutureSkew()))) {
			errors.add(new FieldError("occurredAt",
					"lies more than " + this.properties.maxFutureSkew().toMinutes() + " minutes in the future"));
			return null;
		}
		return occurredAt;
	}

	private @Nullable String text(@Nullable String value, List<FieldError> errors) {
		if (value == null) {
			errors.add(new FieldError("text", "is required"));
			return null;
		}
		// NFC first: the same words typed on different devices must compare and count alike.
		String text = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
		if (text.isEmpty()) {
			errors.add(new FieldError("text", "must not be blank"));
			return null;
		}
		int max = this.properties.maxTextLength();
		if (text.codePointCount(0, text.length()) > max) {
			errors.add(new FieldError("text", "is longer than " + max + " characters"));
			return null;
		}
		return text;
	}

	private static @Nullable String language(@Nullable String value, @Nullable String text, List<FieldError> errors) {
		if (value != null) {
			if (!Languages.isSupported(value)) {
				errors.add(new FieldError("language", "must be zh or en"));
				return null;
			}
			return value;
		}
		return (text != null) ? Languages.detect(text) : null;
	}

	private static @Nullable String required(@Nullable String value, String field, List<FieldError> errors) {
		String trimmed = optional(value);
		if (trimmed == null) {
			errors.add(new FieldError(field, "must not be blank"));
		}
		return trimmed;
	}

	private static @Nullable String optional(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

}
