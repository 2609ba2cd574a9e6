package io.feedbackloop.ingest.intake;

import java.util.List;
import java.util.stream.Collectors;

import io.feedbackloop.contracts.Channel;
import org.jspecify.annotations.Nullable;

/** A submission that broke one or more rules; each broken rule names its field. */
public class InvalidFeedbackException extends RuntimeException {

	/**
	 * @param field the JSON path of the field, such as {@code customer.id}
	 * @param message what is wrong with it, safe to show to the caller
	 */
	public record FieldError(String field, String message) {

	}

	private final @Nullable Channel channel;

	private final List<FieldError> errors;

	private final @Nullable String detail;

	InvalidFeedbackException(@Nullable Channel channel, List<FieldError> errors) {
		this(channel, errors, null);
	}

	/** A request header that broke a rule: the header's name is the field. */
	public static InvalidFeedbackException header(String name, String message) {
		return new InvalidFeedbackException(null, List.of(new FieldError(name, message)));
	}

	/** @param detail the problem's detail, when the generic one ("see errors") would not say enough */
	InvalidFeedbackException(@Nullable Channel channel, List<FieldError> errors, @Nullable String detail) {
		super("invalid feedback: " + errors.stream().map(FieldError::field).collect(Collectors.joining(", ")));
		this.channel = channel;
		this.errors = List.copyOf(errors);
		this.detail = detail;
	}

	/** The problem's detail, or null for the generic one. */
	public @Nullable String detail() {
		return this.detail;
	}

	/** The channel, when the submission named a valid one (for metrics). */
	public @Nullable Channel channel() {
		return this.channel;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
