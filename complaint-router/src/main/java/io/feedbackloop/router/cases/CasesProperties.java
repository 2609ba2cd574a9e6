package io.feedbackloop.router.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code feedbackloop.cases.*}.
 *
 * @param confirmationSilence how long after the remedy was carried out a case is closed when the
 * customer does not answer
 * @param silenceCheckInterval how often cases are checked for that silence
 * @param outboxRelayInterval how often events a crash left unpublished are looked for and published
 */
@ConfigurationProperties("feedbackloop.cases")
public record CasesProperties(@DefaultValue("7d") Duration confirmationSilence,
		@DefaultValue("5m") Duration silenceCheckInterval, @DefaultValue("10s") Duration outboxRelayInterval) {

	public CasesProperties {
		if (!positive(confirmationSilence) || !positive(silenceCheckInterval) || !positive(outboxRelayInterval)) {
			throw new IllegalArgumentException(
					"feedbackloop.cases.confirmation-silence, silence-check-interval and outbox-relay-interval "
							+ "must be positive");
		}
	}

	private static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
