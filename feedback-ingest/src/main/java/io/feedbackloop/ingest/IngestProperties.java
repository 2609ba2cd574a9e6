package io.feedbackloop.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code feedbackloop.ingest.*}: limits of the intake API.
 *
 * @param maxBodySize request bodies larger than this are rejected before they are parsed
 * @param maxTextLength the longest feedback text accepted, in Unicode code points after
 * normalisation
 * @param maxFutureSkew how far in the future {@code occurredAt} may lie (channel clocks drift)
 * @param retryAfter what a caller is told to wait, in the {@code Retry-After} header, when Kafka
 * did not acknowledge
 * @param statusTimeout how long writing or reading a status document may take; the write comes after
 * Kafka acknowledged, so a slow MongoDB must not hold the caller's answer for long
 */
@ConfigurationProperties("feedbackloop.ingest")
public record IngestProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("10000") int maxTextLength,
		@DefaultValue("5m") Duration maxFutureSkew, @DefaultValue("5s") Duration retryAfter,
		@DefaultValue("2s") Duration statusTimeout) {

}
