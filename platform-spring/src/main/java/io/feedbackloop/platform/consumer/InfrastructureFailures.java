package io.feedbackloop.platform.consumer;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.feedbackloop.platform.PublishFailedException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells an outage of the infrastructure (MongoDB or Kafka unreachable, a primary being elected, a
 * timeout) from a failure that would happen again with the same event (malformed, invalid, a bug):
 * the first is waited out, the second is dead-lettered.
 *
 * <p>An outage is recognised anywhere in the chain of causes, whatever wraps it (Spring's messaging
 * exceptions, Spring Data's translation into {@link DataAccessResourceFailureException}):
 * <ul>
 * <li>MongoDB: no server selected in time ({@link MongoTimeoutException}), network errors
 * ({@link MongoSocketException}), no primary or a recovering node ({@link MongoNotPrimaryException},
 * {@link MongoNodeIsRecoveringException}), a cleared connection pool, an operation over its time limit,
 * and any error the server labels retryable;</li>
 * <li>Spring's {@link DataAccessResourceFailureException} and {@link TransientDataAccessException}
 * except a {@link ConcurrencyFailureException} (an optimistic-locking conflict is the service's own
 * business: tried the binding's {@code max-attempts}, then dead-lettered, never waited for without
 * limit);</li>
 * <li>Kafka: its {@link RetriableException}s (timeouts, no leader, not enough replicas), a refused
 * login or permission ({@link AuthenticationException}, {@link AuthorizationException}: a broken
 * credential or ACL fails every event alike, so it is waited out, not a reason to dead-letter them
 * all), and an event the service could not publish ({@link PublishFailedException}) unless Kafka
 * refused that record for good (another non-retriable {@link ApiException}, such as a record too
 * large).</li>
 * </ul>
 */
public final class InfrastructureFailures {

	private static final String RETRYABLE_WRITE_ERROR = "RetryableWriteError";

	private InfrastructureFailures() {
	}

	/** Whether the failure is an outage of the infrastructure, to be retried without limit. */
	public static boolean isOutage(Throwable failure) {
		return outageCause(failure) != null;
	}

	/** The exception in the chain that makes the failure an outage, or {@code null} when it is none. */
	public static @Nullable Throwable outageCause(Throwable failure) {
		Throwable publishFailure = null;
		boolean refusedByKafka = false;
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (isOutageItself(cause)) {
				return cause;
			}
			if (cause instanceof PublishFailedException && publishFailure == null) {
				publishFailure = cause;
			}
			if (cause instanceof ApiException) {
				refusedByKafka = true;
			}
		}
		return (publishFailure != null && !refusedByKafka) ? publishFailure : null;
	}

	private static boolean isOutageItself(Throwable cause) {
		return cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
				|| cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
				|| cause instanceof MongoConnectionPoolClearedException
				|| cause instanceof MongoExecutionTimeoutException
				|| (cause instanceof MongoException mongo && mongo.hasErrorLabel(RETRYABLE_WRITE_ERROR))
				|| cause instanceof DataAccessResourceFailureException
				|| (cause instanceof TransientDataAccessException && !(cause instanceof ConcurrencyFailureException))
				|| cause instanceof RetriableException || cause instanceof AuthenticationException
				|| cause instanceof AuthorizationException;
	}

}
