package io.feedbackloop.ingest.intake;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.feedbackloop.contracts.Channel;
import io.feedbackloop.contracts.ChannelDetails;
import io.feedbackloop.contracts.Contact;
import io.feedbackloop.contracts.CustomerId;
import io.feedbackloop.ingest.IngestProperties;
import io.feedbackloop.ingest.intake.InvalidFeedbackException.FieldError;
import io.feedbackloop.ingest.security.ClientProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks a submission against the intake rules and normalises it. Collects every broken rule
 * instead of stopping at the first, so that a channel system can fix a record in one round trip.
 */
@Component
public class FeedbackValidator {

	static final int MAX_ID_LENGTH = 128;

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_EMAIL_LENGTH = 254;

	static final int MAX_DETAIL_LENGTH = 256;

	static final int MAX_URL_LENGTH = 2048;

	static final int MAX_IVR_STEPS = 32;

	static final int MAX_ATTACHMENTS = 10;

	static final int MAX_METADATA_KEYS = 50;

	static final int MAX_METADATA_KEY_LENGTH = 64;

	static final int MAX_METADATA_VALUE_LENGTH = 1024;

	static final int MAX_METADATA_DEPTH = 3;

	private static final String CHANNELS = "phone, sms, web, app";

	private static final Set<String> PLATFORMS = Set.of("ios", "android", "harmonyos", "web", "other");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern MEDIA_TYPE = Pattern
		.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final Clock clock;

	private final IngestProperties properties;

	private final PhoneNumbers phoneNumbers;

	private final Pseudonyms pseudonyms;

	/** The service's validator: refuses to start with a published pseudonym key outside the local demo. */
	@Autowired
	FeedbackValidator(Clock clock, IngestProperties properties, ClientProperties clients) {
		this(clock, properties);
		properties.requireOwnPseudonymKey(clients.demoClientEnabled());
	}

	FeedbackValidator(Clock clock, IngestProperties properties) {
		this.clock = clock;
		this.properties = properties;
		this.phoneNumbers = new PhoneNumbers(properties.defaultRegion());
		this.pseudonyms = new Pseudonyms(properties.pseudonymKey());
	}

	/** @throws InvalidFeedbackException naming every invalid field */
	public ValidFeedback validate(FeedbackSubmission submission) {
		List<FieldError> errors = new ArrayList<>();
		Channel channel = channel(submission.channel(), errors);
		String channelRecordId = required(submission.channelRecordId(), "channelRecordId", MAX_ID_LENGTH, errors);
		CustomerId customerId = null;
		Contact contact = null;
		FeedbackSubmission.Customer customer = submission.customer();
		if (customer == null) {
			errors.add(new FieldError("customer", "is required"));
		}
		else {
			String id = required(customer.id(), "customer.id", MAX_ID_LENGTH, errors);
			customerId = (id != null) ? new CustomerId(id) : null;
			contact = contact(customer, errors);
		}
		Instant occurredAt = occurredAt(submission.occurredAt(), errors);
		String text = text(submission.text(), errors);
		String language = language(submission.language(), text, errors);
		ChannelDetails details = details(submission, channel, errors);
		if (!errors.isEmpty() || channel == null || channelRecordId == null || customerId == null || contact == null
				|| occurredAt == null || text == null || language == null) {
			throw new InvalidFeedbackException(channel, errors);
		}
		return new ValidFeedback(channel, channelRecordId, customerId, contact, occurredAt, text, language, details);
	}

	private static @Nullable Channel channel(@Nullable String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError("channel", "is required; one of " + CHANNELS));
			return null;
		}
		try {
			return Channel.fromWire(value.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError("channel", "is not a known channel; one of " + CHANNELS));
			return null;
		}
	}

	private @Nullable Contact contact(FeedbackSubmission.Customer customer, List<FieldError> errors) {
		int before = errors.size();
		String phone = phone(customer.phone(), "customer.phone", errors);
		String email = optional(customer.email(), "customer.email", MAX_EMAIL_LENGTH, errors);
		if (email != null && !EMAIL.matcher(email).matches()) {
			errors.add(new FieldError("customer.email", "must be an e-mail address"));
		}
		else if (email != null) {
			// a domain is case-insensitive: a retry spelling it otherwise is the same record, not another one
			int at = email.lastIndexOf('@');
			email = email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
		}
		String name = optional(customer.name(), "customer.name", MAX_NAME_LENGTH, errors);
		if (isBlank(customer.phone()) && isBlank(customer.email())) {
			errors.add(new FieldError("customer", "needs a phone or an email, so that the customer can be answered"));
		}
		return (errors.size() == before) ? new Contact(name, phone, email) : null;
	}

	private @Nullable String phone(@Nullable String value, String field, List<FieldError> errors) {
		String raw = optional(value, field, 40, errors);
		if (raw == null) {
			return null;
		}
		return this.phoneNumbers.toE164(raw).orElseGet(() -> {
			errors.add(new FieldError(field, "must be a valid phone number: E.164 such as +8613800138000, or a "
					+ "national number of region " + this.phoneNumbers.defaultRegion()));
			return null;
		});
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

	private @Nullable String language(@Nullable String value, @Nullable String text, List<FieldError> errors) {
		if (value != null) {
			String language = value.strip().toLowerCase(Locale.ROOT);
			if (!Languages.isSupported(language)) {
				errors.add(new FieldError("language", "must be zh or en"));
				return null;
			}
			return language;
		}
		return (text != null) ? Languages.detect(text, this.properties.defaultLanguage()) : null;
	}

	private @Nullable ChannelDetails details(FeedbackSubmission submission, @Nullable Channel channel,
			List<FieldError> errors) {
		ChannelDetails.PhoneCall phoneCall = forChannel(submission.phoneCall(), "phoneCall", Channel.PHONE, channel,
				errors) ? phoneCall(submission.phoneCall(), errors) : null;
		ChannelDetails.Sms sms = forChannel(submission.sms(), "sms", Channel.SMS, channel, errors)
				? sms(submission.sms(), errors) : null;
		ChannelDetails.WebForm webForm = forChannel(submission.webForm(), "webForm", Channel.WEB, channel, errors)
				? webForm(submission.webForm(), errors) : null;
		ChannelDetails.App app = forChannel(submission.app(), "app", Channel.APP, channel, errors)
				? app(submission.app(), errors) : null;
		List<ChannelDetails.Attachment> attachments = attachments(submission.attachments(), errors);
		Map<String, Object> metadata = (submission.metadata() != null)
				? MetadataKeys.sanitised(submission.metadata(), errors) : null;
		if (phoneCall == null && sms == null && webForm == null && app == null && attachments == null
				&& (metadata == null || metadata.isEmpty())) {
			return null;
		}
		return new ChannelDetails(phoneCall, sms, webForm, app, attachments,
				(metadata == null || metadata.isEmpty()) ? null : metadata);
	}

	/** Details of one channel may only come with a record of that channel. */
	private static boolean forChannel(@Nullable Object details, String field, Channel owner,
			@Nullable Channel channel, List<FieldError> errors) {
		if (details == null) {
			return false;
		}
		if (channel != null && channel != owner) {
			errors.add(new FieldError(field, "is only for channel " + owner.wireName()));
			return false;
		}
		return true;
	}

	private static ChannelDetails.@Nullable PhoneCall phoneCall(FeedbackSubmission.PhoneCall call,
			List<FieldError> errors) {
		String callId = required(call.callId(), "phoneCall.callId", MAX_ID_LENGTH, errors);
		String agentId = optional(call.agentId(), "phoneCall.agentId", MAX_ID_LENGTH, errors);
		String recordingRef = optional(call.recordingRef(), "phoneCall.recordingRef", MAX_URL_LENGTH, errors);
		List<String> ivrPath = null;
		if (call.ivrPath() != null) {
			if (call.ivrPath().size() > MAX_IVR_STEPS) {
				errors.add(new FieldError("phoneCall.ivrPath", "has more than " + MAX_IVR_STEPS + " steps"));
			}
			else {
				ivrPath = new ArrayList<>();
				for (int i = 0; i < call.ivrPath().size(); i++) {
					String step = required(call.ivrPath().get(i), "phoneCall.ivrPath[" + i + "]", 64, errors);
					if (step != null) {
						ivrPath.add(step);
					}
				}
				ivrPath = List.copyOf(ivrPath);
			}
		}
		return (callId != null) ? new ChannelDetails.PhoneCall(callId, agentId, ivrPath, recordingRef) : null;
	}

	private ChannelDetails.@Nullable Sms sms(FeedbackSubmission.Sms sms, List<FieldError> errors) {
		String sender = phone(sms.senderNumber(), "sms.senderNumber", errors);
		if (isBlank(sms.senderNumber())) {
			errors.add(new FieldError("sms.senderNumber", "is required"));
		}
		String messageId = required(sms.gatewayMessageId(), "sms.gatewayMessageId", MAX_ID_LENGTH, errors);
		return (sender != null && messageId != null) ? new ChannelDetails.Sms(sender, messageId) : null;
	}

	private ChannelDetails.@Nullable WebForm webForm(FeedbackSubmission.WebForm form, List<FieldError> errors) {
		String formId = required(form.formId(), "webForm.formId", MAX_ID_LENGTH, errors);
		String page = optional(form.page(), "webForm.page", MAX_URL_LENGTH, errors);
		String ip = optional(form.clientIp(), "webForm.clientIp", 45, errors);
		String ipHash = null;
		if (ip != null) {
			String canonical = canonicalIp(ip);
			if (canonical == null) {
				errors.add(new FieldError("webForm.clientIp", "must be an IPv4 or IPv6 address"));
			}
			else {
				ipHash = this.pseudonyms.of(canonical);
			}
		}
		return (formId != null) ? new ChannelDetails.WebForm(formId, page, ipHash) : null;
	}

	private ChannelDetails.@Nullable App app(FeedbackSubmission.App app, List<FieldError> errors) {
		String version = required(app.appVersion(), "app.appVersion", 64, errors);
		String platform = required(app.platform(), "app.platform", 32, errors);
		if (platform != null) {
			platform = platform.toLowerCase(Locale.ROOT);
			if (!PLATFORMS.contains(platform)) {
				errors.add(new FieldError("app.platform", "must be one of ios, android, harmonyos, web, other"));
				platform = null;
			}
		}
		String deviceId = optional(app.deviceId(), "app.deviceId", MAX_DETAIL_LENGTH, errors);
		String deviceHash = (deviceId != null) ? this.pseudonyms.of(deviceId) : null;
		return (version != null && platform != null) ? new ChannelDetails.App(version, platform, deviceHash) : null;
	}

	private static @Nullable List<ChannelDetails.Attachment> attachments(
			@Nullable List<FeedbackSubmission.Attachment> attachments, List<FieldError> errors) {
		if (attachments == null || attachments.isEmpty()) {
			return null;
		}
		if (attachments.size() > MAX_ATTACHMENTS) {
			errors.add(new FieldError("attachments", "has more than " + MAX_ATTACHMENTS + " attachments"));
			return null;
		}
		List<ChannelDetails.Attachment> valid = new ArrayList<>();
		for (int i = 0; i < attachments.size(); i++) {
			String field = "attachments[" + i + "]";
			FeedbackSubmission.Attachment attachment = attachments.get(i);
			if (attachment == null) {
				errors.add(new FieldError(field, "must be an object with url, contentType and sizeBytes"));
				continue;
			}
			String url = required(attachment.url(), field + ".url", MAX_URL_LENGTH, errors);
			if (url != null && !isWebUrl(url)) {
				errors.add(new FieldError(field + ".url", "must be an absolute http or https URL"));
				url = null;
			}
			String type = required(attachment.contentType(), field + ".contentType", 128, errors);
			if (type != null) {
				type = type.toLowerCase(Locale.ROOT);
				if (!MEDIA_TYPE.matcher(type).matches()) {
					errors.add(new FieldError(field + ".contentType", "must be a media type such as image/jpeg"));
					type = null;
				}
			}
			Long size = attachment.sizeBytes();
			if (size == null || size < 0) {
				errors.add(new FieldError(field + ".sizeBytes", "is required, a number of bytes of at least 0"));
			}
			if (url != null && type != null && size != null && size >= 0) {
				valid.add(new ChannelDetails.Attachment(url, type, size));
			}
		}
		return List.copyOf(valid);
	}

	private static boolean isWebUrl(String url) {
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** The address in one canonical spelling, so that one client always gets one pseudonym. */
	private static @Nullable String canonicalIp(String ip) {
		if (IPV4.matcher(ip).matches()) {
			return ip;
		}
		// Only IPv6 literals reach InetAddress (a literal is parsed, never looked up in DNS).
		if (ip.indexOf(':') >= 0 && IPV6.matcher(ip).matches()) {
			try {
				return InetAddress.getByName(ip).getHostAddress();
			}
			catch (UnknownHostException ex) {
				return null;
			}
		}
		return null;
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static @Nullable String required(@Nullable String value, String field, int maxLength,
			List<FieldError> errors) {
		String trimmed = optional(value, field, maxLength, errors);
		if (trimmed == null && (value == null || value.isBlank())) {
			errors.add(new FieldError(field, "must not be blank"));
		}
		return trimmed;
	}

	/** Trimmed and NFC-normalised, or null when blank; too long is an error. */
	private static @Nullable String optional(@Nullable String value, String field, int maxLength,
			List<FieldError> errors) {
		if (value == null) {
			return null;
		}
		String trimmed = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
		if (trimmed.isEmpty()) {
			return null;
		}
		if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
			errors.add(new FieldError(field, "is longer than " + maxLength + " characters"));
			return null;
		}
		return trimmed;
	}

	/** Keeps metadata safe for MongoDB and bounded in size; sorted, so that equal metadata hashes alike. */
	static final class MetadataKeys {

		private MetadataKeys() {
		}

		static Map<String, Object> sanitised(Map<String, Object> metadata, List<FieldError> errors) {
			return object(metadata, "metadata", 1, errors);
		}

		private static Map<String, Object> object(Map<?, ?> map, String path, int depth, List<FieldError> errors) {
			Map<String, Object> sorted = new TreeMap<>();
			if (map.size() > MAX_METADATA_KEYS) {
				errors.add(new FieldError(path, "has more than " + MAX_METADATA_KEYS + " keys"));
				return sorted;
			}
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				String field = path + "." + key;
				// $-prefixed keys are MongoDB operators and dots are paths: either would let a caller
				// steer a query or an update of whoever stores this map.
				if (key.isEmpty() || key.startsWith("$") || key.contains(".") || key.indexOf('\0') >= 0) {
					errors.add(new FieldError(field,
							"key '" + key + "' is not allowed: keys must not be empty, start with '$' or contain '.'"));
					continue;
				}
				if (key.length() > MAX_METADATA_KEY_LENGTH) {
					errors.add(new FieldError(path, "has a key longer than " + MAX_METADATA_KEY_LENGTH + " characters"));
					continue;
				}
				Object value = value(entry.getValue(), field, depth, errors);
				if (value != null) {
					sorted.put(key, value);
				}
			}
			return sorted;
		}

		private static @Nullable Object value(@Nullable Object value, String path, int depth,
				List<FieldError> errors) {
			if (value == null || value instanceof Number || value instanceof Boolean) {
				return value;
			}
			if (value instanceof String text) {
				if (text.length() > MAX_METADATA_VALUE_LENGTH) {
					errors.add(new FieldError(path, "is longer than " + MAX_METADATA_VALUE_LENGTH + " characters"));
					return null;
				}
				return text;
			}
			if (depth >= MAX_METADATA_DEPTH && (value instanceof Map || value instanceof List)) {
				errors.add(new FieldError(path, "nests deeper than " + MAX_METADATA_DEPTH + " levels"));
				return null;
			}
			if (value instanceof Map<?, ?> map) {
				return object(map, path, depth + 1, errors);
			}
			if (value instanceof List<?> list) {
				if (list.size() > MAX_METADATA_KEYS) {
					errors.add(new FieldError(path, "has more than " + MAX_METADATA_KEYS + " items"));
					return null;
				}
				List<Object> items = new ArrayList<>();
				for (int i = 0; i < list.size(); i++) {
					Object item = value(list.get(i), path + "[" + i + "]", depth + 1, errors);
					if (item != null) {
						items.add(item);
					}
				}
				return items;
			}
			errors.add(new FieldError(path, "must be a string, number, boolean, object or array"));
			return null;
		}

	}

}
