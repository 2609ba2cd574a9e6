package io.feedbackloop.ingest.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.intake.InvalidFeedbackException.FieldError;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FeedbackValidatorTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private final FeedbackValidator validator = new FeedbackValidator(Clock.fixed(NOW, ZoneOffset.UTC),
			new IngestProperties(DataSize.ofKilobytes(64), 20, Duration.ofMinutes(5), Duration.ofSeconds(5),
					Duration.ofSeconds(2)));

	@Test
	void textIsNormalisedToNfcAndTrimmedIncludingIdeographicSpaces() {
		ValidFeedback feedback = this.validator.validate(submission("\u3000 Cafe\u0301 is cold \n", null));

		assertThat(feedback.text()).isEqualTo("Caf\u00e9 is cold");
	}

	@Test
	void languageIsChineseWhenTheTextHasHanIdeographs() {
		assertThat(this.validator.validate(submission("5G信号差", null)).language()).isEqualTo("zh");
		assertThat(this.validator.validate(submission("no signal at home", null)).language()).isEqualTo("en");
	}

	@Test
	void languageGivenByTheChannelIsKept() {
		assertThat(this.validator.validate(submission("5G信号差", "en")).language()).isEqualTo("en");
	}

	@Test
	void occurredAtUpToTheAllowedSkewInTheFutureIsAccepted() {
		ValidFeedback feedback = this.validator.validate(new FeedbackSubmission("web", "w-1",
				customer("+8613800138000", null), NOW.plus(Duration.ofMinutes(5)).toString(), "hello", null));

		assertThat(feedback.occurredAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void occurredAtBeyondTheAllowedSkewIsRejected() {
		InvalidFeedbackException ex = invalid(new FeedbackSubmission("web", "w-1", customer("+8613800138000", null),
				NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).toString(), "hello", null));

		assertThat(ex.errors()).extracting(FieldError::field).containsExactly("occurredAt");
		assertThat(ex.channel()).isEqualTo(Channel.WEB);
	}

	@Test
	void occurredAtWithAnOffsetIsReadAsAnInstant() {
		ValidFeedback feedback = this.validator.validate(new FeedbackSubmission("web", "w-1",
				customer("+8613800138000", null), "2026-03-01T15:30:00+08:00", "hello", null));

		assertThat(feedback.occurredAt()).isEqualTo(Instant.parse("2026-03-01T07:30:00Z"));
	}

	@Test
	void textLongerThanTheLimitInCodePointsIsRejected() {
		assertThat(this.validator.validate(submission("信".repeat(20), null)).text()).hasSize(20);

		InvalidFeedbackException ex = invalid(submission("信".repeat(21), null));

		assertThat(ex.errors()).extracting(FieldError::field).containsExactly("text");
	}

	@Test
	void phoneNumbersAreReducedToE164AndOtherNumbersRejected() {
		ValidFeedback feedback = this.validator.validate(new FeedbackSubmission("phone", "c-1",
				customer("+86 138-0013-8000", null), NOW.toString(), "hello", null));
		assertThat(feedback.contact().phone()).isEqualTo("+8613800138000");

		InvalidFeedbackException ex = invalid(new FeedbackSubmission("phone", "c-1", customer("13800138000", null),
				NOW.toString(), "hello", null));
		assertThat(ex.errors()).extracting(FieldError::field).containsExactly("customer.phone");
	}

	@Test
	void everyBrokenRuleIsReportedAtOnce() {
		InvalidFeedbackException ex = invalid(new FeedbackSubmission("fax", " ",
				new FeedbackSubmission.Customer("", null, null, null), "yesterday", "  ", "fr"));

		assertThat(ex.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("channel", "channelRecordId", "customer.id", "customer", "occurredAt", "text",
					"language");
		assertThat(ex.errors()).filteredOn((error) -> error.field().equals("channel"))
			.singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("phone, sms, web, app"));
		assertThat(ex.channel()).isNull();
	}

	private InvalidFeedbackException invalid(FeedbackSubmission submission) {
		return catchThrowableOfType(InvalidFeedbackException.class, () -> this.validator.validate(submission));
	}

	private static FeedbackSubmission submission(String text, String language) {
		return new FeedbackSubmission("app", "a-1", customer(null, "li@example.com"), NOW.toString(), text, language);
	}

	private static FeedbackSubmission.Customer customer(String phone, String email) {
		return new FeedbackSubmission.Customer("c-42", "Li", phone, email);
	}

}
