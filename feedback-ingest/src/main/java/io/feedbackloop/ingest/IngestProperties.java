package io.feedbackloop.ingest;

import java.time.Duration;
import java.util.Set;

import io.feedbackloop.platform.security.PublishedSecrets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code feedbackloop.ingest.*}: limits of the intake API.
 *
 * @param maxBodySize request bodies of {@code POST /api/v1/feedback} larger than this are rejected
 * while they are read
 * @param maxBatchBodySize the same for {@code POST /api/v1/feedback/batch}
 * @param maxBatchSize the most records one batch may hold
 * @param maxTextLength the longest feedback text accepted, in Unicode code points after
 * normalisation
 * @param maxFutureSkew how far in the future {@code occurredAt} may lie (channel clocks drift)
 * @param retryAfter what a caller is told to wait, in the {@code Retry-After} header, when Kafka
 * did not acknowledge
 * @param statusTimeout how long writing or reading a status document or an idempotency claim may
 * take; the status write comes after Kafka acknowledged, so a slow MongoDB must not hold the
 * caller's answer for long
 * @param defaultRegion the region (ISO 3166 code) of phone numbers written without a country code
 * @param defaultLanguage the language of a text that has neither Chinese nor Latin letters
 * @param pseudonymKey the secret key of the HMAC that replaces client IP addresses and device ids
 * @param idempotency how repeated submissions are recognised
 */
@ConfigurationProperties("feedbackloop.ingest")
public record IngestProperties(@DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("4MB") DataSize maxBatchBodySize, @DefaultValue("500") int maxBatchSize,
		@DefaultValue("10000") int maxTextLength, @DefaultValue("5m") Duration maxFutureSkew,
		@DefaultValue("5s") Duration retryAfter, @DefaultValue("2s") Duration statusTimeout,
		@DefaultValue("CN") String defaultRegion, @DefaultValue("zh") String defaultLanguage, String pseudonymKey,
		@DefaultValue Idempotency idempotency) {

	/** Pseudonym keys written in this repository besides the Kubernetes placeholder: application.yml's default. */
	static final Set<String> PUBLISHED_PSEUDONYM_KEYS = Set.of("local-development-pseudonym-key");

	/**
	 * Refuses a published pseudonym key outside the local demo: with it anyone could hash the whole IPv4
	 * space and undo the pseudonyms.
	 * @param demo whether this is the local demo ({@code FEEDBACKLOOP_DEMO_CLIENT=true})
	 * @throws IllegalStateException naming {@code FEEDBACKLOOP_PSEUDONYM_KEY} when the key is a published one
	 */
	public void requireOwnPseudonymKey(boolean demo) {
		PublishedSecrets.requireOwn("FEEDBACKLOOP_PSEUDONYM_KEY", "feedbackloop.ingest.pseudonym-key", this.pseudonymKey,
				PUBLISHED_PSEUDONYM_KEYS, demo,
				"anyone could undo the pseudonyms of client IP addresses and device ids");
	}

	/**
	 * @param lease how long a claimed key belongs to the instance publishing it; after that a repeat
	 * may take the claim over and publish again (so it must exceed the Kafka send timeout)
	 * @param inProgressWait how long a repeat waits for a concurrent first submission to finish before it is
	 * answered 409 request-in-progress
	 */
	public record Idempotency(@DefaultValue("15s") Duration lease, @DefaultValue("6s") Duration inProgressWait) {

	}

}
