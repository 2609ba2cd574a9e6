package io.feedbackloop.ingest.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.intake.InvalidFeedbackException.FieldError;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FeedbackValidatorTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	static IngestProperties properties(int maxTextLength) {
		return new IngestProperties(DataSize.ofKilobytes(64), DataSize.ofMegabytes(4), 500, maxTextLength,
				Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(2), "CN", "zh",
				"unit-test-pseudonym-key", new IngestProperties.Idempotency(Duration.ofSeconds(15),
						Duration.ofSeconds(6)));
	}

	private final FeedbackValidator validator = new FeedbackValidator(Clock.fixed(NOW, ZoneOffset.UTC),
			properties(20));

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
		assertThat(this.validator.validate(submission("5G信号差", " EN ")).language()).isEqualTo("en");
	}

	@Test
	void occurredAtUpToTheAllowedSkewInTheFutureIsAccepted() {
		ValidFeedback feedback = this.validator.validate(plain("web", "w-1", customer("+8613800138000", null),
				NOW.plus(Duration.ofMinutes(5)).toString(), "hello", null));

		assertThat(feedback.occurredAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

	@Test
	void occurredAtBeyondTheAllowedSkewIsRejected() {
		InvalidFeedbackException ex = invalid(plain("web", "w-1", customer("+8613800138000", null),
				NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).toString(), "hello", null));

		assertThat(ex.errors()).extracting(FieldError::field).containsExactly("occurredAt");
		assertThat(ex.channel()).isEqualTo(Channel.WEB);
	}

	@Test
	void occurredAtWithAnOffsetIsReadAsAnInstant() {
		ValidFeedback feedback = this.validator.validate(plain("web", "w-1", customer("+8613800138000", null),
				"2026-03-01T15:30:00+08:00", "hello", null));

		assertThat(feedback.occurredAt()).isEqualTo(Instant.parse("2026-03-01T07:30:00Z"));
	}

	@Test
	void textLongerThanTheLimitInCodePointsIsRejected() {
		assertThat(this.validator.validate(submission("信".repeat(20), null)).text()).hasSize(20);

		InvalidFeedbackException ex = invalid(submission("信".repeat(21), null));

		assertThat(ex.errors()).extracting(FieldError::field).containsExactly("text");
	}

	@Test
	void phoneNumbersAreNormalisedToE164WithLibphonenumberAndInvalidNumbersRejected() {
		assertThat(phoneOf("+86 138-0013-8000")).isEqualTo("+8613800138000");
		assertThat(phoneOf("(0086) 138 0013 8000")).isEqualTo("+8613800138000");
		// A national number is read in the default region (CN).
		assertThat(phoneOf("13800138000")).isEqualTo("+8613800138000");
		assertThat(phoneOf("+44 20 7946 0958")).isEqualTo("+442079460958");

		for (String invalid : List.of("12345", "+86 1380013", "call me", "+999 1234567")) {
			assertThat(invalid(plain("phone", "c-1", customer(invalid, null), NOW.toString(), "hello", null))
				.errors()).extracting(FieldError::field).as(invalid).containsExactly("customer.phone");
		}
	}

	@Test
	void everyBrokenRuleIsReportedAtOnce() {
		InvalidFeedbackException ex = invalid(plain("fax", " ", new FeedbackSubmission.Customer("", null, null, null),
				"yesterday", "  ", "fr"));

		assertThat(ex.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("channel", "channelRecordId", "customer.id", "customer", "occurredAt", "text",
					"language");
		assertThat(ex.errors()).filteredOn((error) -> error.field().equals("channel"))
			.singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("phone, sms, web, app"));
		assertThat(ex.channel()).isNull();
	}

	@Test
	void fieldsLongerThanTheirLimitAreRejected() {
		InvalidFeedbackException ex = invalid(plain("web", "r".repeat(129),
				new FeedbackSubmission.Customer("c".repeat(129), "n".repeat(201), null,
						"a".repeat(250) + "@example.com"),
				NOW.toString(), "hello", null));

		assertThat(ex.errors()).extracting(FieldError::field)
			.contains("channelRecordId", "customer.id", "customer.name", "customer.email");
	}

	@Test
	void phoneCallDetailsAreCarriedTrimmed() {
		ValidFeedback feedback = this.validator.validate(details("phone", new FeedbackSubmission.PhoneCall(" CALL-1 ",
				"A-42", List.of("1", " 3 "), "rec://calls/CALL-1.wav"), null, null, null));

		assertThat(feedback.details().phoneCall())
			.isEqualTo(new ChannelDetails.PhoneCall("CALL-1", "A-42", List.of("1", "3"), "rec://calls/CALL-1.wav"));
		assertThat(feedback.details().sms()).isNull();
	}

	@Test
	void smsSenderNumberIsNormalisedToE164() {
		ValidFeedback feedback = this.validator.validate(
				details("sms", null, new FeedbackSubmission.Sms("139 1234 5678", "gw-1"), null, null));

		assertThat(feedback.details().sms()).isEqualTo(new ChannelDetails.Sms("+8613912345678", "gw-1"));
	}

	@Test
	void webClientIpIsNeverKeptInClearButAsAStableKeyedHash() {
		ValidFeedback first = this.validator.validate(
				details("web", null, null, new FeedbackSubmission.WebForm("form-1", "/support", "203.0.113.7"), null));
		ValidFeedback again = this.validator.validate(details("web", null, null,
				new FeedbackSubmission.WebForm("form-1", "/support", " 203.0.113.7 "), null));
		ValidFeedback v6 = this.validator.validate(details("web", null, null,
				new FeedbackSubmission.WebForm("form-1", null, "2001:DB8:0:0:0:0:0:1"), null));
		ValidFeedback v6Short = this.validator.validate(
				details("web", null, null, new FeedbackSubmission.WebForm("form-1", null, "2001:db8::1"), null));

		String hash = first.details().webForm().clientIpHash();
		assertThat(hash).matches("hmac-sha256:[0-9a-f]{64}").doesNotContain("203.0.113.7");
		assertThat(again.details().webForm().clientIpHash()).isEqualTo(hash);
		assertThat(v6.details().webForm().clientIpHash()).isEqualTo(v6Short.details().webForm().clientIpHash())
			.isNotEqualTo(hash);
		assertThat(invalid(details("web", null, null, new FeedbackSubmission.WebForm("f", null, "example.com"), null))
			.errors()).extracting(FieldError::field).containsExactly("webForm.clientIp");
	}

	@Test
	void appDeviceIdIsHashedAndPlatformChecked() {
		ValidFeedback feedback = this.validator.validate(details("app", null, null, null,
				new FeedbackSubmission.App("8.2.1", "Android", "device-123")));

		assertThat(feedback.details().app().platform()).isEqualTo("android");
		assertThat(feedback.details().app().deviceIdHash()).matches("hmac-sha256:[0-9a-f]{64}");
		assertThat(invalid(details("app", null, null, null, new FeedbackSubmission.App("8.2.1", "symbian", null)))
			.errors()).extracting(FieldError::field).containsExactly("app.platform");
	}

	@Test
	void detailsOfAnotherChannelAreRejected() {
		InvalidFeedbackException ex = invalid(details("sms", new FeedbackSubmission.PhoneCall("CALL-1", null, null,
				null), null, null, null));

		assertThat(ex.errors()).singleElement()
			.isEqualTo(new FieldError("phoneCall", "is only for channel phone"));
	}

	@Test
	void attachmentsAreReferencesWithAWebUrlAMediaTypeAndASize() {
		ValidFeedback feedback = this.validator.validate(withAttachments(List.of(
				new FeedbackSubmission.Attachment("https://files.example.com/a.jpg", "IMAGE/JPEG", 1024L))));
		assertThat(feedback.details().attachments())
			.containsExactly(new ChannelDetails.Attachment("https://files.example.com/a.jpg", "image/jpeg", 1024));

		InvalidFeedbackException ex = invalid(withAttachments(
				List.of(new FeedbackSubmission.Attachment("file:///etc/passwd", "image", -1L))));
		assertThat(ex.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("attachments[0].url", "attachments[0].contentType", "attachments[0].sizeBytes");
	}

	@Test
	void metadataKeysThatMongoDbWouldReadAsOperatorsOrPathsAreRejectedByName() {
		InvalidFeedbackException ex = invalid(withMetadata(Map.of("$where", "sleep(1000)", "a.b", 1, "nested",
				Map.of("$gt", ""), "fine", "value")));

		assertThat(ex.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("metadata.$where", "metadata.a.b", "metadata.nested.$gt");
		assertThat(ex.errors()).allSatisfy((error) -> assertThat(error.message()).contains("is not allowed"));
	}

	@Test
	void metadataIsKeptSortedSoThatEqualMetadataIsEqual() {
		ValidFeedback feedback = this.validator.validate(withMetadata(Map.of("b", 2, "a", Map.of("y", true, "x", "1"))));

		assertThat(feedback.details().metadata().keySet()).containsExactly("a", "b");
	}

	@Test
	void anEmailAddressesDomainIsLowerCasedItsLocalPartKept() {
		ValidFeedback feedback = this.validator.validate(plain("phone", "c-1", customer(null, "Li.Wei@Example.COM"),
				NOW.toString(), "hello", null));

		assertThat(feedback.contact().email()).isEqualTo("Li.Wei@example.com");
	}

	private String phoneOf(String raw) {
		return this.validator.validate(plain("phone", "c-1", customer(raw, null), NOW.toString(), "hello", null))
			.contact()
			.phone();
	}

	private InvalidFeedbackException invalid(FeedbackSubmission submission) {
		return catchThrowableOfType(InvalidFeedbackException.class, () -> this.validator.validate(submission));
	}

	static FeedbackSubmission plain(String channel, String recordId, FeedbackSubmission.Customer customer,
			String occurredAt, String text, String language) {
		return new FeedbackSubmission(channel, recordId, customer, occurredAt, text, language, null, null, null, null,
				null, null);
	}

	private static FeedbackSubmission details(String channel, FeedbackSubmission.PhoneCall call,
			FeedbackSubmission.Sms sms, FeedbackSubmission.WebForm form, FeedbackSubmission.App app) {
		return new FeedbackSubmission(channel, "r-1", customer("+8613800138000", null), NOW.toString(), "hello", null,
				call, sms, form, app, null, null);
	}

	private static FeedbackSubmission withAttachments(List<FeedbackSubmission.Attachment> attachments) {
		return new FeedbackSubmission("app", "a-1", customer(null, "li@example.com"), NOW.toString(), "hello", null,
				null, null, null, null, attachments, null);
	}

	private static FeedbackSubmission withMetadata(Map<String, Object> metadata) {
		return new FeedbackSubmission("app", "a-1", customer(null, "li@example.com"), NOW.toString(), "hello", null,
				null, null, null, null, null, metadata);
	}

	private static FeedbackSubmission submission(String text, String language) {
		return plain("app", "a-1", customer(null, "li@example.com"), NOW.toString(), text, language);
	}

	private static FeedbackSubmission.Customer customer(String phone, String email) {
		return new FeedbackSubmission.Customer("c-42", "Li", phone, email);
	}

}
