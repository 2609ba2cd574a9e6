package io.feedbackloop.notification.channel;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What became of one attempt to hand a message to its provider.
 *
 * @param result sent, refused for good, failed for now, or not attempted
 * @param providerMessageId the provider's id when sent
 * @param reason why it failed or was not attempted; never the recipient's address
 * @param failureKind a short, stable name for the cause, a metric tag ({@code rejected},
 * {@code invalid-address}, {@code unavailable}, {@code circuit-open}, {@code bulkhead-full})
 * @param calls how many times the provider was called (retries included); 0 when not attempted
 * @param retryAfter when failed: how long the provider asked us to wait ({@code Retry-After}), if it did
 */
public record SendOutcome(Result result, @Nullable String providerMessageId, @Nullable String reason,
		@Nullable String failureKind, int calls, @Nullable Duration retryAfter) {

	public enum Result {

		/** The provider accepted the message. */
		SENT,

		/** The provider refused the message for good (invalid address, rejected content). */
		REFUSED,

		/** The provider failed (unreachable, 5xx) after the quick retries: try again later. */
		FAILED,

		/** The provider was not called: its circuit is open or its bulkhead full. Try again later. */
		NOT_ATTEMPTED

	}

	static SendOutcome sent(String providerMessageId, int calls) {
		return new SendOutcome(Result.SENT, providerMessageId, null, null, calls, null);
	}

	static SendOutcome refused(PermanentDeliveryException ex, int calls) {
		return new SendOutcome(Result.REFUSED, null, ex.reason(), ex.kind(), calls, null);
	}

	static SendOutcome failed(TemporaryDeliveryException ex, int calls) {
		return new SendOutcome(Result.FAILED, null, ex.getMessage(), "unavailable", calls,
				(ex instanceof RetryAfterException later) ? later.retryAfter() : null);
	}

	static SendOutcome notAttempted(String reason, String kind, int calls) {
		return new SendOutcome((calls > 0) ? Result.FAILED : Result.NOT_ATTEMPTED, null, reason, kind, calls, null);
	}

}
